package org.sadasya.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.sadasya.index.lucene.HnswOptions;
import org.sadasya.index.lucene.VectorQuantization;

class SadasyaPropertiesTest {

    @Test
    void stateScaleSettings_reachTheIndexOptions_andKeepTheRestOfTheDefaults() {
        HnswOptions o = SadasyaProperties.hnswOptions("int4", 32, 250, 0);
        HnswOptions defaults = HnswOptions.defaults();
        assertThat(o.quantization()).isEqualTo(VectorQuantization.INT4);
        assertThat(o.maxConn()).isEqualTo(32);
        assertThat(o.candidates()).isEqualTo(250);
        assertThat(o.beamWidth()).isEqualTo(defaults.beamWidth());
        assertThat(o.rerankReaders()).isEqualTo(defaults.rerankReaders());
    }

    @Test
    void aProjection_reachesTheIndexOptions_withTheDefaultTrainingSample() {
        HnswOptions o = SadasyaProperties.hnswOptions("float32", 32, 200, 128);
        assertThat(o.projectedDimensions()).isEqualTo(128);
        assertThat(o.projectionTraining()).isEqualTo(HnswOptions.defaults().projectionTraining());
        assertThat(SadasyaProperties.hnswOptions("int8", 16, 200, 0).projectedDimensions()).isZero();
        assertThatThrownBy(() -> SadasyaProperties.hnswOptions("float32", 32, 200, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRerankDepth_fromApplicationYml_reachesTheIndexOptions() {
        org.springframework.core.env.StandardEnvironment env = new org.springframework.core.env.StandardEnvironment();
        env.getPropertySources().addFirst(new org.springframework.core.env.MapPropertySource("test", java.util.Map.of(
                "sadasya.face-index-projection", "128", "sadasya.face-index-rerank-depth", "50", "sadasya.face-index-m", "32")));
        SadasyaProperties p = org.springframework.boot.context.properties.bind.Binder.get(env)
                .bind("sadasya", SadasyaProperties.class).get();
        HnswOptions o = p.hnswOptions();
        assertThat(o.rerankDepth()).isEqualTo(50);
        assertThat(o.projectedDimensions()).isEqualTo(128);
        assertThat(o.maxConn()).isEqualTo(32);
        assertThat(o.candidates()).as("the default, for 192-d faces").isEqualTo(250);
    }

    @Test
    void challengeAndLivenessDefaults_areTheDocumentedOnes() {
        SadasyaProperties p = org.springframework.boot.context.properties.bind.Binder
                .get(new org.springframework.core.env.StandardEnvironment())
                .bindOrCreate("sadasya", SadasyaProperties.class);
        assertThat(p.challenge().lifetime()).isEqualTo(java.time.Duration.ofDays(3));
        assertThat(p.challenge().grace()).isEqualTo(java.time.Duration.ofDays(7));
        assertThat(p.challenge().steps()).isEqualTo(3);
        assertThat(p.challenge().maxCount()).isEqualTo(50);
        assertThat(p.intake().maxBurstFrames()).isEqualTo(12);
        assertThat(p.liveness().requireChallenge()).isTrue();
        assertThat(p.policy().requireChallenge()).isTrue();
    }

    @Test
    void anUnknownFormat_isRefused() {
        assertThatThrownBy(() -> SadasyaProperties.hnswOptions("int3", 16, 200, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mapTiles_needAnHttpTemplateWithZXY_andTheirOriginIsWhatThePolicyAllows() {
        SadasyaProperties.MapTiles tiles = new SadasyaProperties.MapTiles("https://tiles.example.org:8443/osm/{z}/{x}/{y}.png", "©");
        assertThat(tiles.origin()).isEqualTo("https://tiles.example.org:8443");
        assertThat(org.sadasya.config.SecurityConfiguration.contentSecurityPolicy(tiles))
                .contains("img-src 'self' blob: https://tiles.example.org:8443;");
        assertThat(new SadasyaProperties.MapTiles("", null).configured()).isFalse();
        assertThat(org.sadasya.config.SecurityConfiguration.contentSecurityPolicy(new SadasyaProperties.MapTiles(null, null)))
                .isEqualTo(org.sadasya.config.SecurityConfiguration.CONTENT_SECURITY_POLICY);
        assertThatThrownBy(() -> new SadasyaProperties.MapTiles("https://tiles.example.org/{z}/{x}.png", null))
                .hasMessageContaining("{y}");
        assertThatThrownBy(() -> new SadasyaProperties.MapTiles("javascript:alert(1)/{z}/{x}/{y}", null))
                .hasMessageContaining("http(s)");
        assertThatThrownBy(() -> new SadasyaProperties.MapTiles("https://a b/{z}/{x}/{y}", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** application.yml passes an unset SADASYA_FACE_INDEX_M as an empty value: the index library's default applies. */
    @Test
    void unsetIndexSettings_takeTheIndexLibrarysDefaults() {
        org.springframework.core.env.StandardEnvironment env = new org.springframework.core.env.StandardEnvironment();
        env.getPropertySources().addFirst(new org.springframework.core.env.MapPropertySource("test", java.util.Map.of(
                "sadasya.face-index-m", "", "sadasya.face-index-candidates", "", "sadasya.face-index-format", "int4")));
        SadasyaProperties p = org.springframework.boot.context.properties.bind.Binder.get(env)
                .bind("sadasya", SadasyaProperties.class).get();
        assertThat(p.hnswOptions().maxConn()).isEqualTo(HnswOptions.defaults().maxConn());
        assertThat(p.hnswOptions().candidates()).isEqualTo(HnswOptions.defaults().candidates());
    }
}
