package io.xaostech.platform.web;

import io.xaostech.common.problem.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Writes a problem body straight to a servlet response, for code that runs before Spring MVC (security entry
 * points and access-denied handlers), so a 401 or 403 looks like every other error.
 */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, ProblemType type, int status,
                             String detail) throws IOException {
        String requestId = RequestIdFilter.requestIdOf(request);
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"" + type.uri() + "\",\"title\":\"" + json(type.title())
                + "\",\"status\":" + status + ",\"detail\":\"" + json(detail) + "\",\"instance\":\""
                + json(request.getRequestURI()) + "\",\"" + ProblemType.REQUEST_ID_PROPERTY + "\":\"" + json(requestId)
                + "\"}");
    }

    private static String json(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
