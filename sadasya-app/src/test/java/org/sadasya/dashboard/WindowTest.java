package org.sadasya.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.sadasya.web.ApiException;

/** The window's bounds are IST midnights; a path goes into SQL only when it is ids and slashes. */
class WindowTest {

    @Test
    void theBoundsAreIndianMidnights_theLastDayIncluded() {
        Window.Filter f = Window.parse("2026-11-21", "2026-11-21").within("/1/4/");
        assertThat(f.sql()).isEqualTo("booth_path LIKE '/1/4/%' AND received_at >= ? AND received_at < ?");
        assertThat(f.params()).containsExactly(OffsetDateTime.parse("2026-11-21T00:00+05:30"),
                OffsetDateTime.parse("2026-11-22T00:00+05:30"));
        assertThat(new Window(null, null).within("/").sql()).isEqualTo("booth_path LIKE '/%'");
    }

    @Test
    void onlyAUnitPathGoesIntoTheStatement() {
        for (String bad : new String[] {"/1/4", "1/4/", "/1/'; DROP TABLE enrollment; --/", "/1/%/", "/1/_/", ""}) {
            assertThatThrownBy(() -> Window.subtree(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aBadDayOrOrderIsAFieldError() {
        assertThatThrownBy(() -> Window.parse("21.11.2026", null)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> Window.parse("2026-11-22", "2026-11-21")).isInstanceOf(ApiException.class);
        assertThat(Window.parse(" ", null)).isEqualTo(new Window(null, null));
    }
}
