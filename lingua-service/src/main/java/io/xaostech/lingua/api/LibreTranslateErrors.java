package io.xaostech.lingua.api;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * LibreTranslate clients read a failure's message from {@code error}: every problem answered on the
 * LibreTranslate paths carries its detail there too, beside the RFC 9457 members.
 */
@ControllerAdvice
class LibreTranslateErrors implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem && LibreTranslateController.isLibreTranslatePath(
                request.getURI().getPath())) {
            problem.setProperty("error", problem.getDetail());
        }
        return body;
    }
}
