package org.sadasya.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScopePathTest {

    @Test
    void districtFilter_coversItsBooths_butNotASiblingWithTheSamePrefix() {
        ScopeFilter bhopal = ScopeFilter.within("MP/BHOPAL");
        assertThat(bhopal.matches("MP/BHOPAL")).isTrue();
        assertThat(bhopal.matches("MP/BHOPAL/HUZUR/B0042")).isTrue();
        assertThat(bhopal.matches("MP/BHOPALGARH/B1")).isFalse();
        assertThat(bhopal.matches("MP")).isFalse();
        assertThat(ScopeFilter.all().matches("ANY/THING")).isTrue();
    }

    @Test
    void selfAndAncestors_listsEveryLevelTopFirst() {
        assertThat(ScopePath.selfAndAncestors("MP/BHOPAL/B1")).containsExactly("MP", "MP/BHOPAL", "MP/BHOPAL/B1");
        assertThat(ScopePath.selfAndAncestors("MP")).containsExactly("MP");
    }

    @Test
    void malformedPaths_areRejected() {
        for (String bad : new String[] {"", "/MP", "MP/", "MP//B1"}) {
            assertThatThrownBy(() -> ScopePath.validate(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
