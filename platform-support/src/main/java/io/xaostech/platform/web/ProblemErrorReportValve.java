package io.xaostech.platform.web;

import io.xaostech.common.http.XaosHeaders;
import io.xaostech.common.problem.ProblemType;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's error page for requests it rejects before any servlet sees them (a malformed URI, say): a problem
 * body in place of Tomcat's HTML report, so even those errors speak RFC 9457.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        ProblemType type = ProblemType.forStatus(status);
        Object known = request.getAttribute(RequestIdFilter.ATTRIBUTE);
        String requestId = known instanceof String id ? id : java.util.UUID.randomUUID().toString();
        String body = "{\"type\":\"" + type.uri() + "\",\"title\":\"" + type.title() + "\",\"status\":" + status
                + ",\"detail\":\"The request was rejected before it reached the service: " + type.title()
                + ".\",\"" + ProblemType.REQUEST_ID_PROPERTY + "\":\"" + requestId + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setHeader(XaosHeaders.REQUEST_ID, requestId);
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was committed meanwhile; nothing more to tell it
        }
    }
}
