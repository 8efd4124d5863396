package org.sadasya.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Face crops and cards are encoded without ImageIO's file cache: no plaintext image reaches the disk. */
class InMemoryImagesTest {

    @Test
    void encoding_writesNothingToImageIOsCacheDirectory(@TempDir Path cache) throws Exception {
        File before = ImageIO.getCacheDirectory();
        boolean used = ImageIO.getUseCache();
        ImageIO.setCacheDirectory(cache.toFile());
        ImageIO.setUseCache(true);
        try {
            BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
            image.setRGB(10, 10, 0xFF8800);
            // the cache file is deleted on close, so watch for it being created at all
            try (WatchService watch = FileSystems.getDefault().newWatchService()) {
                cache.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
                for (String format : new String[] {"png", "jpg"}) {
                    byte[] bytes = InMemoryImages.encode(image, format);
                    BufferedImage back = ImageIO.read(new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes)));
                    assertThat(back.getWidth()).isEqualTo(64);
                    assertThat(back.getHeight()).isEqualTo(48);
                }
                assertThat(created(watch)).as("files created in ImageIO's cache directory").isZero();

                // the check can fail: ImageIO's own OutputStream path caches through that directory
                ImageIO.write(image, "png", new java.io.ByteArrayOutputStream());
                assertThat(created(watch)).isPositive();
            }
        } finally {
            ImageIO.setUseCache(used);
            ImageIO.setCacheDirectory(before);
        }
    }

    private static int created(WatchService watch) throws InterruptedException {
        WatchKey key = watch.poll(2, TimeUnit.SECONDS);
        if (key == null) {
            return 0;
        }
        int n = key.pollEvents().size();
        key.reset();
        return n;
    }
}
