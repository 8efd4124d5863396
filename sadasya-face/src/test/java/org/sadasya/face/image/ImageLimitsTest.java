package org.sadasya.face.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageLimitsTest {

    @Test
    void defaults_areTwentyMebibytesEightThousandPixelsFortyMegapixelsAndThirtyTwoPixels() {
        assertThat(ImageLimits.DEFAULT.maxBytes()).isEqualTo(20 * 1024 * 1024);
        assertThat(ImageLimits.DEFAULT.maxWidth()).isEqualTo(8192);
        assertThat(ImageLimits.DEFAULT.maxHeight()).isEqualTo(8192);
        assertThat(ImageLimits.DEFAULT.maxPixels()).isEqualTo(40_000_000L);
        assertThat(ImageLimits.DEFAULT.minSide()).isEqualTo(32);
    }

    @Test
    void nonPositiveLimits_areRefused() {
        assertThatThrownBy(() -> new ImageLimits(0, 8192, 8192, 40_000_000L, 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImageLimits(Integer.MAX_VALUE, 8192, 8192, 40_000_000L, 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImageLimits(1000, -1, 8192, 40_000_000L, 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImageLimits(1000, 8192, 8192, 0, 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImageLimits(1000, 8192, 8192, 40_000_000L, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void limitsThatRefuseEveryImage_areRefused() {
        assertThatThrownBy(() -> new ImageLimits(1000, 100, 100, 40_000_000L, 200)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImageLimits(1000, 100, 100, 500, 32)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dimensionsAtTheLimits_pass_andOneOver_isRefused() throws Exception {
        ImageLimits limits = new ImageLimits(1000, 100, 80, 8000, 10);

        limits.checkDimensions(100, 80);
        limits.checkDimensions(10, 10);
        assertThatThrownBy(() -> limits.checkDimensions(101, 10)).hasFieldOrPropertyWithValue("code", ImageErrorCode.IMAGE_TOO_LARGE);
        assertThatThrownBy(() -> limits.checkDimensions(10, 81)).hasFieldOrPropertyWithValue("code", ImageErrorCode.IMAGE_TOO_LARGE);
        assertThatThrownBy(() -> limits.checkDimensions(9, 50)).hasFieldOrPropertyWithValue("code", ImageErrorCode.IMAGE_TOO_SMALL);
    }
}
