package org.sadasya.listaudit;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.sadasya.face.testsupport.SharedData;

/**
 * A small membership list built from real photos of ../shared/data, with planted fakes. Every
 * member has a distinct photo file and distinct details unless a fake is planted on purpose.
 */
final class PlantedList {

    /** Members with no flag at all. */
    static final List<String> CLEAN = List.of("m05", "m06", "m15");

    private PlantedList() {}

    static Path build(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("photos"));
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", MemberRow.COLUMNS));
        // The same person under two names, from two different photos (two pairs).
        row(lines, dir, "m01", "Ramesh Kumar", "9876500001", "ABC1000001", "34", "M", "B001", "W1",
                "faces/singles/face_recognition/obama_obama.jpg", "23.2500", "77.4000");
        row(lines, dir, "m02", "\"Suresh <b>Yadav</b> & \"\"Co\"\"\"", "9876500002", "ABC1000002", "35", "M", "B002", "W2",
                "faces/singles/face_recognition/obama_obama2.jpg", "23.2600", "77.4100");
        row(lines, dir, "m03", "Sunita Devi", "9876500003", "ABC1000003", "29", "F", "B001", "W1",
                "faces/deepface/img20.jpg", "23.2700", "77.4200");
        row(lines, dir, "m04", "Anita Sharma", "9876500004", "ABC1000004", "30", "F", "B002", "W2",
                "faces/deepface/img21.jpg", "23.2800", "77.4300");
        // Clean.
        row(lines, dir, "m05", "Mohan Lal", "9876500005", "ABC1000005", "61", "M", "B001", "W1",
                "faces/singles/face_recognition/biden_biden.jpg", "23.2900", "77.4400");
        row(lines, dir, "m06", "Vikram Singh", "9876500006", "ABC1000006", "38", "M", "B002", "W2",
                "faces/singles/face_recognition/kit_harington_john1.jpeg", "23.3000", "77.4500");
        // IMAGE_REUSE: m08's photo is m07's, resized and re-encoded.
        row(lines, dir, "m07", "Pooja Verma", "9876500007", "ABC1000007", "31", "F", "B001", "W1",
                "faces/singles/face_recognition/rose_leslie_img1.jpg", "23.3100", "77.4600");
        Path copy = dir.resolve("photos/m08.jpg");
        resizeAndReencode(SharedData.file("data/faces/singles/face_recognition/rose_leslie_img1.jpg"), copy, 0.6, 0.55f);
        lines.add(String.join(",", "m08", "Kavita Rao", "9876500008", "ABC1000008", "27", "F", "B002", "W2",
                "photos/m08.jpg", "23.3200", "77.4700", ""));
        // LIVENESS: a printed-photo recapture the shipped policy judges SPOOF (NUAA).
        row(lines, dir, "m09", "Rajesh Gupta", "9876500009", "ABC1000009", "44", "M", "B001", "W1",
                "pad/nuaa/spoof/0001_00_01_02_496.jpg", "23.3300", "77.4800");
        // SAME_SPOT: worker W3 enrolled five different people within a few metres.
        String[] spot = {"img1.jpg", "img3.jpg", "img8.jpg", "img13.jpg", "img16.jpg"};
        for (int i = 0; i < spot.length; i++) {
            row(lines, dir, "m1" + i, "Spot Member " + i, "98765000" + (10 + i), "ABC10000" + (10 + i), "40", "M", "B003",
                    "W3", "faces/deepface/" + spot[i], String.format(java.util.Locale.ROOT, "23.400%d", i), "77.5000");
        }
        // Clean, no location.
        row(lines, dir, "m15", "Geeta Bai", "9876500015", "ABC1000015", "52", "F", "B003", "W4",
                "faces/deepface/img24.jpg", "", "");
        // Duplicate EPIC, duplicate mobile, and format errors (distinct people).
        row(lines, dir, "m16", "Arjun Patel", "9876500016", "ABC1000016", "25", "M", "B003", "W4",
                "faces/deepface/img18.jpg", "23.5000", "77.6000");
        row(lines, dir, "m17", "Arjun Patil", "9876500017", "abc1000016", "26", "M", "B003", "W4",
                "faces/deepface/img38.jpg", "23.5100", "77.6100");
        row(lines, dir, "m18", "Nisha Jain", "+919876500018", "ABC1000018", "33", "F", "B003", "W4",
                "faces/deepface/img26.jpg", "23.5200", "77.6200");
        row(lines, dir, "m19", "Neha Jain", "9876500018", "ABC1000019", "33", "F", "B003", "W4",
                "pad/nuaa/live/0004_01_00_01_0.jpg", "23.5300", "77.6300");
        row(lines, dir, "m20", "Chhotu", "12345", "XYZ12", "15", "M", "B003", "W4",
                "pad/nuaa/live/0006_00_00_01_0.jpg", "23.5400", "77.6400");
        // Two people in one photo.
        row(lines, dir, "m23", "Two Faces", "9876500023", "ABC1000023", "41", "M", "B003", "W4",
                "faces/multi/dlib/2009_004587.jpg", "23.5500", "77.6500");
        // An unreadable photo and a row with a missing column: flagged, not fatal.
        Files.writeString(dir.resolve("photos/m21.jpg"), "not a picture");
        lines.add(String.join(",", "m21", "Broken Photo", "9876500021", "ABC1000021", "40", "M", "B003", "W4",
                "photos/m21.jpg", "", "", ""));
        lines.add("m22,Short Row,9876500022,ABC1000022,40");
        Files.write(dir.resolve("members.csv"), lines, StandardCharsets.UTF_8);
        return dir;
    }

    private static void row(List<String> lines, Path dir, String id, String name, String mobile, String epic,
            String age, String gender, String booth, String worker, String shared, String lat, String lon)
            throws IOException {
        String ext = shared.substring(shared.lastIndexOf('.'));
        Path target = dir.resolve("photos/" + id + ext);
        Files.copy(SharedData.file("data/" + shared), target);
        lines.add(String.join(",", id, name, mobile, epic, age, gender, booth, worker, "photos/" + id + ext, lat, lon,
                "2024-05-01T10:00:00+05:30"));
    }

    static void resizeAndReencode(Path from, Path to, double scale, float quality) throws IOException {
        BufferedImage src = ImageIO.read(from.toFile());
        int w = (int) Math.round(src.getWidth() * scale);
        int h = (int) Math.round(src.getHeight() * scale);
        BufferedImage dst = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = dst.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(Files.newOutputStream(to))) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(dst, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
