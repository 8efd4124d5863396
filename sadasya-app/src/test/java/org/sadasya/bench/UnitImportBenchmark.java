package org.sadasya.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sadasya.org.UnitImport;
import org.sadasya.security.Actor;
import org.sadasya.security.Role;
import org.sadasya.testsupport.Databases;
import org.sadasya.testsupport.Databases.Kind;
import org.sadasya.testsupport.Fixture;

/**
 * A state's units imported from one CSV, as an admin sends it: 50 districts › 300 blocks › 1 500
 * mandalams › 6 000 sectors › {@code bench.booths} booths (default 60 000, about a large Indian
 * state's count), then the same file again (every row unchanged). Prints one JSON line per database
 * and run: seconds and rows per second. Not part of {@code mvn verify}; run with
 * {@code mvn -pl sadasya-app -am test -Dtest=UnitImportBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class UnitImportBenchmark {

    static final int BOOTHS = Integer.getInteger("bench.booths", 60_000);

    @TempDir
    Path dir;

    static String stateCsv(String stateCode) {
        StringBuilder csv = new StringBuilder("code,name,name_hi,parent_code,latitude,longitude,radius_m\n");
        int sectors = 6000;
        int boothsPerSector = (BOOTHS + sectors - 1) / sectors;
        int booths = 0;
        for (int d = 0; d < 50; d++) {
            String district = "D%02d".formatted(d);
            csv.append(district).append(",District ").append(d).append(",ज़िला ").append(d).append(',').append(stateCode)
                    .append(",,,\n");
            for (int b = 0; b < 6; b++) {
                String block = district + "-K" + b;
                csv.append(block).append(",Block ").append(b).append(",ब्लॉक ").append(b).append(',').append(district).append(",,,\n");
                for (int m = 0; m < 5; m++) {
                    String mandalam = block + "-M" + m;
                    csv.append(mandalam).append(",Mandalam ").append(m).append(",मंडलम ").append(m).append(',').append(block)
                            .append(",,,\n");
                    for (int s = 0; s < 4; s++) {
                        String sector = mandalam + "-S" + s;
                        csv.append(sector).append(",Sector ").append(s).append(",सेक्टर ").append(s).append(',')
                                .append(mandalam).append(",,,\n");
                        for (int k = 0; k < boothsPerSector && booths < BOOTHS; k++, booths++) {
                            double lat = 21.5 + (booths % 400) * 0.01;
                            double lon = 74.5 + (booths / 400) * 0.03;
                            csv.append(sector).append("-B").append(k).append(",Booth ").append(k).append(",बूथ ").append(k)
                                    .append(',').append(sector).append(',')
                                    .append(String.format(Locale.ROOT, "%.5f,%.5f", lat, lon)).append(",200\n");
                        }
                    }
                }
            }
        }
        return csv.toString();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void importAState(Kind kind) throws Exception {
        try (Databases.Db db = Databases.open(kind, dir)) {
            Fixture fixture = new Fixture(db, dir.resolve("images"), Clock.systemUTC());
            var seed = fixture.seed();
            String state = seed.state().code();
            String csv = stateCsv(state);
            long rows = csv.lines().count() - 1;
            Actor admin = new Actor(seed.worker().userId(), "bench-admin", Role.ADMIN, null, null);
            UnitImport units = new UnitImport(fixture.orgUnits);
            for (String run : new String[] {"first", "again"}) {
                long start = System.nanoTime();
                UnitImport.Report report = fixture.tx.execute(s -> {
                    try {
                        return units.run(admin, new StringReader(csv));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                double seconds = (System.nanoTime() - start) / 1e9;
                assertThat(report.refused()).isEmpty();
                assertThat(report.rows()).isEqualTo((int) rows);
                assertThat(run.equals("first") ? report.created() : report.unchanged()).isEqualTo((int) rows);
                System.out.printf(Locale.ROOT, "{\"bench\":\"unit-import\",\"database\":\"%s\",\"run\":\"%s\",\"rows\":%d,"
                        + "\"csvBytes\":%d,\"seconds\":%.2f,\"rowsPerSecond\":%.0f}%n", kind, run, rows,
                        csv.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, seconds, rows / seconds);
            }
        }
    }
}
