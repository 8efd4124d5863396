package org.sadasya.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A refusal with a stable machine {@code code} (DESIGN.md, "API and errors"); turned into an RFC
 * 9457 problem by {@link ProblemHandler}. The human text comes from messages(_hi).properties under
 * {@code problem.<code>}, or {@code messageKey} when given.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final String messageKey;
    private final Object[] args;
    private final Map<String, Object> properties;

    public ApiException(HttpStatus status, String code, String messageKey, Map<String, ?> properties, Object... args) {
        super(code);
        this.status = status;
        this.code = code;
        this.messageKey = messageKey == null ? "problem." + code : messageKey;
        this.args = args;
        this.properties = new LinkedHashMap<>(properties == null ? Map.of() : properties);
    }

    public ApiException(HttpStatus status, String code) {
        this(status, code, null, Map.of());
    }

    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, "NOT_FOUND", "problem.NOT_FOUND", Map.of("resource", what), what);
    }

    public static ApiException forbidden() {
        return new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN");
    }

    /** 422 FIELD_INVALID naming the field. */
    public static ApiException fieldInvalid(String field, String messageKey) {
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "FIELD_INVALID", messageKey,
                Map.of("field", field, "errors", java.util.List.of(Map.of("field", field, "code", messageKey))), field);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
