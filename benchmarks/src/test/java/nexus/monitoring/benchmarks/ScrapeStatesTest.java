package nexus.monitoring.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Every library renders the same work in the scrape benchmarks: the same number of sample lines,
 * under the same metric names, each with a tenant label.
 */
final class ScrapeStatesTest {
  private static final int SERIES = 10_000;

  @Test
  void nexus_writesEverySeries() throws IOException {
    NexusScrapeState state = new NexusScrapeState();
    state.series = SERIES;
    state.setUp();

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    state.exporter.export(state.snapshots, out);

    assertSameSamples(out.toString(UTF_8));
    assertThat(new Scrape().nexusWriter(state)).isEqualTo(out.size());
    assertThat(new Scrape().nexusScrape(state)).isEqualTo(out.size());
  }

  @Test
  void prometheus_writesEverySeries() throws IOException {
    PrometheusScrapeState state = new PrometheusScrapeState();
    state.series = SERIES;
    state.setUp();

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    state.writer.write(out, state.registry.scrape());

    assertSameSamples(out.toString(UTF_8));
    assertThat(new Scrape().prometheusWriter(state)).isEqualTo(out.size());
    assertThat(new Scrape().prometheusScrape(state)).isEqualTo(out.size());
  }

  @Test
  void micrometerScrape_writesEverySeries() throws IOException {
    MicrometerScrapeState state = new MicrometerScrapeState();
    state.series = SERIES;
    state.setUp();

    String text = state.registry.scrape();

    assertSameSamples(text);
    assertThat(new Scrape().micrometerScrape(state)).isEqualTo(text.getBytes(UTF_8).length);
    state.tearDown();
  }

  private static void assertSameSamples(String text) {
    long samples = text.lines().filter(line -> !line.startsWith("#")).count();
    long withTenant = text.lines().filter(line -> line.contains("tenant=\"default\"")).count();
    assertThat(samples).isEqualTo(SERIES);
    assertThat(withTenant).isEqualTo(SERIES);
    assertThat(text)
        .contains("app_requests_0_total{")
        .contains("app_queue_depth_1{")
        .contains("path=\"/api/v1/items/99\"");
  }
}
