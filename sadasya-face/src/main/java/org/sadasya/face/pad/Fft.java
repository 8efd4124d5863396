package org.sadasya.face.pad;

/** In-place radix-2 complex FFT, enough for the small power spectra of {@link RecaptureCues}. */
final class Fft {

    private Fft() {}

    /** 2-D forward FFT of an {@code n × n} row-major array; {@code n} a power of two. */
    static void fft2d(double[] re, double[] im, int n) {
        double[] rr = new double[n];
        double[] ri = new double[n];
        for (int y = 0; y < n; y++) {
            System.arraycopy(re, y * n, rr, 0, n);
            System.arraycopy(im, y * n, ri, 0, n);
            fft(rr, ri);
            System.arraycopy(rr, 0, re, y * n, n);
            System.arraycopy(ri, 0, im, y * n, n);
        }
        for (int x = 0; x < n; x++) {
            for (int y = 0; y < n; y++) {
                rr[y] = re[y * n + x];
                ri[y] = im[y * n + x];
            }
            fft(rr, ri);
            for (int y = 0; y < n; y++) {
                re[y * n + x] = rr[y];
                im[y * n + x] = ri[y];
            }
        }
    }

    static void fft(double[] re, double[] im) {
        int n = re.length;
        if (Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("FFT length must be a power of two: " + n);
        }
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double angle = -2 * Math.PI / len;
            double wr = Math.cos(angle), wi = Math.sin(angle);
            for (int i = 0; i < n; i += len) {
                double cr = 1, ci = 0;
                for (int k = 0; k < len / 2; k++) {
                    int a = i + k, b = i + k + len / 2;
                    double tr = re[b] * cr - im[b] * ci;
                    double ti = re[b] * ci + im[b] * cr;
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                    double nr = cr * wr - ci * wi;
                    ci = cr * wi + ci * wr;
                    cr = nr;
                }
            }
        }
    }
}
