package org.sadasya.testsupport;

import java.io.IOException;
import java.io.InputStream;

/** HTTP over a plain socket, for requests an HTTP client will not make (a body it never finishes sending). */
public final class RawHttp {

    private RawHttp() {}

    /**
     * One HTTP answer: the head, then as many body bytes as it announces (or chunks up to the last),
     * without waiting for the server to close (it may keep reading the rest of the upload first).
     */
    public static String readAnswer(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (true) {
            String text = got.toString(java.nio.charset.StandardCharsets.UTF_8);
            int head = text.indexOf("\r\n\r\n");
            if (head >= 0) {
                java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(text);
                boolean complete = length.find() && length.start() < head
                        // the head is ASCII, so its length in chars is its length in bytes
                        ? got.size() - head - 4 >= Integer.parseInt(length.group(1))
                        : text.endsWith("\r\n0\r\n\r\n");
                if (complete) {
                    return text;
                }
            }
            int n = in.read(buffer);
            if (n < 0) {
                return text;
            }
            got.write(buffer, 0, n);
        }
    }
}
