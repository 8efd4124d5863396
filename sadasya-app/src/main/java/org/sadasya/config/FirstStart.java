package org.sadasya.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.sadasya.audit.AuditLog;
import org.sadasya.common.OwnerOnly;
import org.sadasya.org.OrgLevel;
import org.sadasya.org.OrgUnit;
import org.sadasya.org.OrgUnitRepository;
import org.sadasya.security.Role;
import org.sadasya.security.UserRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * First start: creates the {@code admin} user (password from {@code SADASYA_ADMIN_PASSWORD}, or a
 * generated one written to {@code <data-dir>/admin.password}, owner-only, never printed or logged)
 * and, with {@code --demo}, a demo hierarchy (Bhopal district of Madhya Pradesh down to three booths) with a demo reviewer and worker.
 */
@Component
public class FirstStart implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstStart.class);

    private final UserRepository users;
    private final OrgUnitRepository units;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final SadasyaProperties props;

    public FirstStart(UserRepository users, OrgUnitRepository units, PasswordEncoder passwords, AuditLog audit,
            TransactionTemplate tx, SadasyaProperties props) {
        this.users = users;
        this.units = units;
        this.passwords = passwords;
        this.audit = audit;
        this.tx = tx;
        this.props = props;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.findByUsername("admin").isEmpty()) {
            String configured = props.adminPassword();
            boolean generated = configured == null || configured.isBlank();
            String password = generated ? generatePassword() : configured;
            tx.executeWithoutResult(s -> {
                long id = users.insert("admin", passwords.encode(password), Role.ADMIN, "Administrator", null, null);
                audit.record("system", "USER_CREATED", "user", id, Map.of("username", "admin", "role", "ADMIN"));
            });
            if (generated) {
                Path file = writeSecret("admin.password", password);
                System.out.println("sadasya: created user 'admin'; its generated password is in " + file
                        + " (owner-only; set SADASYA_ADMIN_PASSWORD to choose it)");
            } else {
                log.info("created user 'admin' with the password from SADASYA_ADMIN_PASSWORD");
            }
        }
        if (props.demo() && units.findByCode("MP").isEmpty()) {
            seedDemo();
        }
    }

    private void seedDemo() {
        String password = generatePassword();
        tx.executeWithoutResult(s -> {
            OrgUnit state = unit(null, OrgLevel.STATE, "MP", "Madhya Pradesh", "मध्य प्रदेश", null);
            OrgUnit district = unit(state, OrgLevel.DISTRICT, "MP-BPL", "Bhopal", "भोपाल", null);
            OrgUnit block = unit(district, OrgLevel.BLOCK, "MP-BPL-PHN", "Phanda", "फंदा", null);
            OrgUnit mandalam = unit(block, OrgLevel.MANDALAM, "MP-BPL-PHN-M01", "Kolar Mandalam", "कोलार मंडलम", null);
            OrgUnit sector = unit(mandalam, OrgLevel.SECTOR, "MP-BPL-PHN-M01-S01", "Kolar Sector 1", "कोलार सेक्टर 1", null);
            unit(sector, OrgLevel.BOOTH, "MP-BPL-PHN-M01-S01-B001", "Booth 1, Govt. School Kolar",
                    "बूथ 1, शासकीय विद्यालय कोलार", new double[] {23.1765, 77.4167});
            unit(sector, OrgLevel.BOOTH, "MP-BPL-PHN-M01-S01-B002", "Booth 2, Community Hall Kolar",
                    "बूथ 2, सामुदायिक भवन कोलार", new double[] {23.1810, 77.4122});
            unit(sector, OrgLevel.BOOTH, "MP-BPL-PHN-M01-S01-B003", "Booth 3, Panchayat Bhawan",
                    "बूथ 3, पंचायत भवन", new double[] {23.1702, 77.4201});
            long reviewer = users.insert("reviewer.bhopal", passwords.encode(password), Role.REVIEWER,
                    "Bhopal District IT in-charge", null, district.id());
            long worker = users.insert("9000000001", passwords.encode(password), Role.WORKER, "Demo Worker",
                    "9000000001", sector.id());
            audit.record("system", "DEMO_SEEDED", "org_unit", state.id(),
                    Map.of("reviewerId", reviewer, "workerId", worker));
        });
        Path file = writeSecret("demo.password", password);
        System.out.println("sadasya: demo hierarchy seeded (Madhya Pradesh > Bhopal > … > 3 booths); users"
                + " 'reviewer.bhopal' and worker '9000000001' share the password in " + file + " (owner-only)");
    }

    /**
     * A generated password goes to an owner-only file in the data directory, never to stdout or the
     * log: a service's stdout ends up in the system journal, which other accounts may read.
     */
    private Path writeSecret(String name, String password) {
        Path file = props.dataDir().resolve(name).toAbsolutePath();
        try {
            Files.createDirectories(file.getParent());
            OwnerOnly.write(file, (password + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    private OrgUnit unit(OrgUnit parent, OrgLevel level, String code, String name, String nameHi, double[] at) {
        return units.insert(parent, level, code, name, nameHi, at == null ? null : at[0], at == null ? null : at[1],
                at == null ? null : 150.0);
    }

    private static String generatePassword() {
        byte[] raw = new byte[15];
        new SecureRandom().nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
