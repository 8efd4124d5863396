package org.sadasya.face.image.jpeg;

/**
 * A byte sequence that {@link JpegJsDecoder} cannot turn into pixels: not a JPEG, truncated,
 * corrupt, too large, or using a JPEG feature the decoder does not implement. The message says
 * which, e.g. "truncated JPEG data: ..." or "unsupported: arithmetic coding".
 */
public final class JpegDecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    public JpegDecodeException(String message) {
        super(message);
    }

    public JpegDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
