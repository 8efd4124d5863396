package org.sadasya.lab.identities;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads every folder's manifest.tsv (file, identity) under shared/data/faces/identities. */
public final class IdentityPhotos {
    private IdentityPhotos() {}

    public static List<IdentityPhoto> read(Path identities) {
        List<IdentityPhoto> out = new ArrayList<>();
        try (Stream<Path> folders = Files.list(identities)) {
            for (Path folder : folders.filter(f -> Files.isRegularFile(f.resolve("manifest.tsv"))).sorted().toList()) {
                String source = folder.getFileName().toString();
                List<String> lines = Files.readAllLines(folder.resolve("manifest.tsv"), StandardCharsets.UTF_8);
                for (String line : lines.subList(1, lines.size())) {
                    String[] cols = line.split("\t");
                    if (cols.length != 2) {
                        continue;
                    }
                    out.add(new IdentityPhoto(source, source + "/" + cols[0], folder.resolve(cols[0]), cols[1]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the identity manifests under " + identities, e);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(identities + " holds no manifest.tsv");
        }
        return out;
    }
}
