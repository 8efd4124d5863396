package org.sadasya.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sadasya.SadasyaApplication;
import org.sadasya.testsupport.Api;
import org.sadasya.testsupport.ServiceTestConfig;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Input at the edges of what the API takes gets a precise problem, never a 500 or a template. */
@SpringBootTest(classes = SadasyaApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ServiceTestConfig.class)
class InputLimitsApiTest {

    static final String ADMIN_PASSWORD = "admin-test-password";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) throws IOException {
        Path dir = Files.createTempDirectory("sadasya-limits-test");
        r.add("sadasya.data-dir", dir::toString);
        r.add("sadasya.admin-password", () -> ADMIN_PASSWORD);
    }

    @LocalServerPort
    int port;

    @Test
    void passwordOverBcryptsSeventyTwoBytes_isAFieldError_atCreationAndABadLogin() {
        Api admin = new Api(port).login("admin", ADMIN_PASSWORD);
        Api.Response state = admin.post("/api/v1/org-units",
                "{\"parentId\": null, \"level\": \"STATE\", \"code\": \"PW\", \"name\": \"State\"}");
        assertThat(state.status()).as(state.toString()).isEqualTo(201);
        String devanagari = "अ".repeat(25); // 25 characters, 75 UTF-8 bytes
        Api.Response created = admin.post("/api/v1/workers",
                "{\"name\": \"W\", \"mobile\": \"9811111111\", \"password\": \"%s\", \"orgUnitId\": %d}"
                        .formatted(devanagari, state.id()));
        assertThat(created.status()).as(created.toString()).isEqualTo(422);
        assertThat(created.json().get("code").asText()).isEqualTo("FIELD_INVALID");
        assertThat(created.json().get("field").asText()).isEqualTo("password");

        Api.Response login = new Api(port).post("/api/v1/auth/token",
                "{\"username\": \"admin\", \"password\": \"%s\"}".formatted(devanagari));
        assertThat(login.status()).as(login.toString()).isEqualTo(401);
        assertThat(login.json().get("code").asText()).isEqualTo("BAD_CREDENTIALS");
    }

    @Test
    void unknownPath_is404WithAFilledInMessage() {
        Api.Response r = new Api(port).login("admin", ADMIN_PASSWORD).get("/api/v1/no-such-thing");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(r.json().get("detail").asText()).doesNotContain("{").isNotBlank();
    }
}
