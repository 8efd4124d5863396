/**
 * JPEG decoding that reproduces the JavaScript reference's decoder, jpeg-js 0.4.4, pixel for
 * pixel: {@link org.sadasya.face.image.jpeg.JpegJsDecoder}. The face pipeline's golden vectors
 * were computed from jpeg-js pixels; libjpeg (ImageIO) pixels differ enough to move embeddings.
 */
package org.sadasya.face.image.jpeg;
