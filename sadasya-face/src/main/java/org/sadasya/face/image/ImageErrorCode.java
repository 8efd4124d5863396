package org.sadasya.face.image;

/** Why an upload cannot be used. The names are the API's stable problem codes (DESIGN.md). */
public enum ImageErrorCode {
    /** Zero bytes. */
    IMAGE_EMPTY,
    /** Not a picture we can read: not an image, corrupt, or truncated. */
    IMAGE_UNREADABLE,
    /** An image format we do not accept (we take JPEG, PNG and WebP). */
    IMAGE_FORMAT_UNSUPPORTED,
    /** Too many bytes, or dimensions over the limit (checked from the header, before decoding). */
    IMAGE_TOO_LARGE,
    /** Too small to hold a usable face. */
    IMAGE_TOO_SMALL
}
