package org.sadasya.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat answers requests it cannot parse (a header over the size limit, a broken request line)
 * before Spring sees them, with an HTML page naming the server. This valve answers those in the
 * API's own form instead: problem+json with a stable code, no server details. Errors Spring
 * handled already have a body and are left alone.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String code = status == 400 ? "REQUEST_UNREADABLE" : "HTTP_" + status;
        String body = "{\"type\":\"urn:sadasya:problem:" + code + "\",\"title\":\"Request refused\",\"status\":" + status
                + ",\"code\":\"" + code + "\",\"detail\":\"The server could not read this request"
                + " (for example, a header larger than 8 KB).\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone: nothing left to tell
        }
    }
}
