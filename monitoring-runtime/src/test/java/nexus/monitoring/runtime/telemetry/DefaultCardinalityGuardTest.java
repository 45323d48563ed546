package nexus.monitoring.runtime.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import nexus.monitoring.api.CardinalityGuard;
import nexus.monitoring.api.CardinalityLimitExceededException;
import nexus.monitoring.api.InvalidMetricException;
import nexus.monitoring.api.MetricStorageException;
import nexus.monitoring.api.MetricTag;
import nexus.monitoring.api.spi.CardinalityStorage;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

final class DefaultCardinalityGuardTest {
  private final RecordingLogger log = new RecordingLogger();
  private final InMemoryCardinalityStorage storage = new InMemoryCardinalityStorage();
  private final DefaultCardinalityGuard guard = new DefaultCardinalityGuard(storage, 2, 10, log);

  private static List<MetricTag> user(String id) {
    return List.of(MetricTag.of("user", id));
  }

  @Test
  void seriesUnderTheLimit_areAdmittedWithTheirTags_knownOnesAlways() {
    assertThat(guard.admit("acme", "logins", user("a"))).isEqualTo(user("a"));
    assertThat(guard.admit("acme", "logins", user("b"))).isEqualTo(user("b"));
    assertThat(guard.admit("acme", "logins", user("a"))).isEqualTo(user("a"));
    assertThat(guard.overflowCount("acme", "logins")).isZero();
  }

  @Test
  void newSeriesOverTheMetricLimit_areFoldedAndCounted_otherMetricsAndTenantsAreNot() {
    guard.admit("acme", "logins", user("a"));
    guard.admit("acme", "logins", user("b"));

    List<MetricTag> third = guard.admit("acme", "logins", user("c"));
    List<MetricTag> fourth = guard.admit("acme", "logins", user("d"));

    assertThat(third).isEqualTo(CardinalityGuard.OVERFLOW_TAGS);
    assertThat(fourth).isEqualTo(CardinalityGuard.OVERFLOW_TAGS);
    assertThat(guard.overflowCount("acme", "logins")).isEqualTo(2);
    assertThat(guard.admit("acme", "signups", user("c"))).isEqualTo(user("c"));
    assertThat(guard.admit("globex", "logins", user("c"))).isEqualTo(user("c"));
    assertThat(guard.overflowCount("globex", "logins")).isZero();
  }

  @Test
  void theFirstFoldOfAMetricIsLoggedAtWarn_namingMetricTenantLimitAndConsequence() {
    guard.admit("acme", "logins", user("a"));
    guard.admit("acme", "logins", user("b"));

    guard.admit("acme", "logins", user("c"));
    guard.admit("acme", "logins", user("d"));

    assertThat(log.messages(Level.WARN))
        .containsExactly(
            "Cardinality limit: metric 'logins' of tenant 'acme' reached its limit of 2 distinct"
                + " tag sets (metrics.cardinality.max-series-per-metric). New series of metric"
                + " 'logins' are folded into its overflow series {nexus.cardinality.overflow=true}:"
                + " their values are kept there, their tags are not. First folded series has tag"
                + " keys [user]. Remove the"
                + " unbounded tag or raise the limit.");
    assertThat(log.messages(Level.DEBUG)).hasSize(1);
  }

  @Test
  void theTenantLimit_foldsNewSeriesOfAnyMetric_andSaysSo() {
    DefaultCardinalityGuard tight = new DefaultCardinalityGuard(storage, 100, 2, log);
    tight.admit("acme", "a", user("1"));
    tight.admit("acme", "b", user("1"));

    List<MetricTag> folded = tight.admit("acme", "c", user("1"));

    assertThat(folded).isEqualTo(CardinalityGuard.OVERFLOW_TAGS);
    assertThat(log.messages(Level.WARN).get(0))
        .startsWith(
            "Cardinality limit: tenant 'acme' reached its limit of 2 distinct series across all"
                + " metrics (metrics.cardinality.max-series-per-tenant). New series of metric 'c'");
  }

  @Test
  void theOverflowSeriesItself_isAlwaysAdmitted_andNotRegistered() {
    assertThat(guard.admit("acme", "logins", CardinalityGuard.OVERFLOW_TAGS))
        .isEqualTo(CardinalityGuard.OVERFLOW_TAGS);
    assertThat(storage.seriesCount("acme", "logins")).isZero();
    assertThat(guard.overflowCount("acme", "logins")).isZero();
  }

  @Test
  void admitOrThrow_refusesAFoldedSeries_naming_it() {
    guard.admit("acme", "logins", user("a"));
    guard.admit("acme", "logins", user("b"));

    assertThatThrownBy(() -> guard.admitOrThrow("acme", "logins", user("c")))
        .isInstanceOf(CardinalityLimitExceededException.class)
        .hasMessage(
            "series [user=c] of metric 'logins' in tenant 'acme' was refused: the metric or tenant"
                + " reached its limit of distinct series");
  }

  @Test
  void aFailingStorage_foldsNewSeries_warnsOnceUntilItRecovers() {
    FlakyStorage flaky = new FlakyStorage();
    DefaultCardinalityGuard guarded = new DefaultCardinalityGuard(flaky, 10, 10, log);
    flaky.failing = true;

    List<MetricTag> first = guarded.admit("acme", "logins", user("a"));
    guarded.admit("acme", "logins", user("b"));
    flaky.failing = false;
    List<MetricTag> recovered = guarded.admit("acme", "logins", user("c"));

    assertThat(first).isEqualTo(CardinalityGuard.OVERFLOW_TAGS);
    assertThat(recovered).isEqualTo(user("c"));
    assertThat(guarded.overflowCount("acme", "logins")).isEqualTo(2);
    assertThat(log.messages(Level.WARN))
        .containsExactly(
            "Cardinality storage flaky storage failed while admitting a new series of metric"
                + " 'logins' in tenant 'acme':"
                + " nexus.monitoring.api.MetricStorageException: connection refused. New series"
                + " are folded into their metric's overflow series until it answers again.");
    assertThat(log.messages(Level.INFO))
        .containsExactly(
            "Cardinality storage flaky storage answers again; new series are admitted by the"
                + " limits");
  }

  @Test
  void invalidArguments_areRefused() {
    assertThatThrownBy(() -> guard.admit("bad tenant", "logins", user("a")))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessageStartingWith("tenant 'bad tenant' is invalid");
    assertThatThrownBy(() -> guard.admit("acme", "bad name", user("a")))
        .isInstanceOf(InvalidMetricException.class);
    assertThatThrownBy(() -> new DefaultCardinalityGuard(storage, 0, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "cardinality limits must be positive; got 0 series per metric and 10 per tenant");
  }

  /** Throws while {@link #failing}; otherwise admits everything. */
  private static final class FlakyStorage implements CardinalityStorage {
    volatile boolean failing;

    @Override
    public Registration registerIfUnderLimit(
        String tenant,
        String metricName,
        List<MetricTag> tags,
        long metricLimit,
        long tenantLimit) {
      if (failing) {
        throw new MetricStorageException("connection refused");
      }
      return Registration.REGISTERED;
    }

    @Override
    public long seriesCount(String tenant, String metricName) {
      return 0;
    }

    @Override
    public long tenantSeriesCount(String tenant) {
      return 0;
    }

    @Override
    public void close() {}

    @Override
    public String toString() {
      return "flaky storage";
    }
  }
}
