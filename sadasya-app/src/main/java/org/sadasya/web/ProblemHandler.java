package org.sadasya.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.tomcat.util.http.fileupload.impl.FileCountLimitExceededException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one exception-to-problem mapping of the API (RFC 9457 {@code application/problem+json}),
 * every problem with a stable machine {@code code} and a detail in the caller's language.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final MessageSource messages;

    public ProblemHandler(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e) {
        ProblemDetail p = problem(e.status(), e.code(), e.messageKey(), e.args());
        e.properties().forEach(p::setProperty);
        return respond(p);
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return cast(respond(problem(HttpStatus.PAYLOAD_TOO_LARGE, "IMAGE_TOO_LARGE", null)));
    }

    /**
     * The container refuses a multipart request before any part reaches a controller: more parts
     * than {@code server.tomcat.max-part-count} → 413 TOO_MANY_PARTS; otherwise the upload could not
     * be parsed (cut off, malformed) → 400 MULTIPART_INVALID.
     */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> multipart(MultipartException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FileCountLimitExceededException) {
                return respond(problem(HttpStatus.PAYLOAD_TOO_LARGE, "TOO_MANY_PARTS", null));
            }
        }
        return respond(problem(HttpStatus.BAD_REQUEST, "MULTIPART_INVALID", null));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestPart(MissingServletRequestPartException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return cast(api(ApiException.fieldInvalid(ex.getRequestPartName(), "field.required")));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = "body";
        if (ex.getCause() instanceof com.fasterxml.jackson.databind.JsonMappingException jm && !jm.getPath().isEmpty()) {
            field = jm.getPath().stream().map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("body");
        }
        return cast(api(ApiException.fieldInvalid(field, "field.type")));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var errors = ex.getBindingResult().getFieldErrors().stream()
                .map(f -> Map.of("field", f.getField(), "code", "field.invalid")).toList();
        String field = errors.isEmpty() ? "body" : errors.get(0).get("field");
        ApiException api = new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "FIELD_INVALID", "field.invalid",
                Map.of("field", field, "errors", errors), field);
        return cast(api(api));
    }

    /** Spring MVC's own errors (404, 405, 415…): keep its status, add a code. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        HttpStatus status = HttpStatus.resolve(statusCode.value());
        String code = status == null ? "HTTP_" + statusCode.value() : status.name();
        boolean noSuchPath = ex instanceof org.springframework.web.servlet.resource.NoResourceFoundException
                || ex instanceof org.springframework.web.servlet.NoHandlerFoundException;
        ProblemDetail p = problem(statusCode, code, noSuchPath ? "problem.NOT_FOUND.path" : null);
        return new ResponseEntity<>(p, headers, statusCode);
    }

    @ExceptionHandler(org.springframework.security.access.AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied() {
        return respond(problem(HttpStatus.FORBIDDEN, "FORBIDDEN", null));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        log.error("unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", null));
    }

    private ProblemDetail problem(HttpStatusCode status, String code, String messageKey, Object... args) {
        Locale locale = LocaleContextHolder.getLocale();
        String key = messageKey == null ? "problem." + code : messageKey;
        ProblemDetail p = ProblemDetail.forStatus(status);
        p.setType(URI.create("urn:sadasya:problem:" + code));
        p.setTitle(messages.getMessage("problem." + code + ".title", null,
                HttpStatus.resolve(status.value()) == null ? code : HttpStatus.resolve(status.value()).getReasonPhrase(),
                locale));
        p.setDetail(messages.getMessage(key, args, messages.getMessage("problem." + code, args, code, locale), locale));
        p.setProperty("code", code);
        return p;
    }

    /** A problem that says how long to wait ({@code retryAfterSeconds}) also says it in {@code Retry-After}. */
    private static ResponseEntity<ProblemDetail> respond(ProblemDetail p) {
        var r = ResponseEntity.status(p.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (p.getProperties() != null && p.getProperties().get("retryAfterSeconds") instanceof Number wait) {
            r.header(HttpHeaders.RETRY_AFTER, String.valueOf(wait.longValue()));
        }
        return r.body(p);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> cast(ResponseEntity<ProblemDetail> r) {
        return (ResponseEntity) r;
    }

}
