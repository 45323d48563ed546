package nexus.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class CardinalityGuardTest {

  /** Admits the first {@code limit} distinct tag sets of any metric, then folds. */
  private static final class FirstNGuard implements CardinalityGuard {
    private final int limit;
    private final Set<List<MetricTag>> seen = new HashSet<>();
    private long folded;

    FirstNGuard(int limit) {
      this.limit = limit;
    }

    @Override
    public List<MetricTag> admit(String tenant, String metricName, List<MetricTag> tags) {
      if (seen.contains(tags) || seen.size() < limit) {
        seen.add(tags);
        return tags;
      }
      folded++;
      return OVERFLOW_TAGS;
    }

    @Override
    public long overflowCount(String tenant, String metricName) {
      return folded;
    }
  }

  private static final List<MetricTag> USER_1 = List.of(MetricTag.of("user", "1"));
  private static final List<MetricTag> USER_2 = List.of(MetricTag.of("user", "2"));

  @Test
  void overflowTags_areOneWellKnownTag() {
    assertThat(CardinalityGuard.OVERFLOW_TAGS)
        .containsExactly(MetricTag.of("nexus.cardinality.overflow", "true"));
    assertThat(CardinalityGuard.isOverflow(CardinalityGuard.OVERFLOW_TAGS)).isTrue();
    assertThat(CardinalityGuard.isOverflow(USER_1)).isFalse();
  }

  @Test
  void admitOrThrow_underLimit_returnsTags() {
    CardinalityGuard guard = new FirstNGuard(1);

    assertThat(guard.admitOrThrow("acme", "logins", USER_1)).isEqualTo(USER_1);
    assertThat(guard.admitOrThrow("acme", "logins", USER_1)).isEqualTo(USER_1);
  }

  @Test
  void admitOrThrow_overLimit_throwsNamingTenantMetricAndTags() {
    CardinalityGuard guard = new FirstNGuard(1);
    guard.admit("acme", "logins", USER_1);

    assertThatThrownBy(() -> guard.admitOrThrow("acme", "logins", USER_2))
        .isInstanceOf(CardinalityLimitExceededException.class)
        .hasMessage(
            "series [user=2] of metric 'logins' in tenant 'acme' was refused: the metric or"
                + " tenant reached its limit of distinct series");
    assertThat(guard.overflowCount("acme", "logins")).isEqualTo(1);
  }

  @Test
  void admitOrThrow_overflowSeriesItself_isNotAnError() {
    CardinalityGuard guard = new FirstNGuard(0);

    assertThat(guard.admitOrThrow("acme", "logins", CardinalityGuard.OVERFLOW_TAGS))
        .isEqualTo(CardinalityGuard.OVERFLOW_TAGS);
  }
}
