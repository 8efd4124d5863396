package org.sadasya.face.image;

/** An input image that cannot be used, with a stable code and a message fit for the user. */
public final class ImageRejectedException extends Exception {
    private final ImageErrorCode code;

    public ImageRejectedException(ImageErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ImageRejectedException(ImageErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ImageErrorCode code() {
        return code;
    }
}
