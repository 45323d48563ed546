package nexus.monitoring.runtime.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import nexus.monitoring.api.MetricTag;
import org.junit.jupiter.api.Test;

final class SeriesTableTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  private final SeriesTable table = new SeriesTable();

  private static SeriesKey key(int i) {
    return new SeriesKey("acme", "requests", MetricTag.ofPairs("user", "u-" + i));
  }

  private static Series series(SeriesKey key) {
    return new Series(new CounterState(key, T0));
  }

  @Test
  void growsPastItsInitialCapacity_andFindsEverySeriesByKeyPairsAndList() {
    List<Series> added = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      added.add(table.computeIfAbsent(key(i), SeriesTableTest::series));
    }

    assertThat(table.size()).isEqualTo(10_000);
    assertThat(table.values()).hasSize(10_000).containsExactlyInAnyOrderElementsOf(added);
    for (int i = 0; i < 10_000; i++) {
      SeriesKey k = key(i);
      String[] pairs = {"user", "u-" + i};
      assertThat(table.get(k)).isSameAs(added.get(i));
      assertThat(table.get(SeriesKey.hash("acme", "requests", pairs), "acme", "requests", pairs))
          .isSameAs(added.get(i));
      assertThat(table.get(k.hash, "acme", "requests", k.tags)).isSameAs(added.get(i));
    }
  }

  @Test
  void getInCallerOrder_findsOnlyTheCreatingCallsOrderAndStrings() {
    String[] created = {"method", "GET", "status", "200"};
    SeriesKey key =
        new SeriesKey("acme", "requests", MetricTag.ofPairs(created.clone()), created.clone());
    Series added = table.computeIfAbsent(key, SeriesTableTest::series);
    String[] same = key.callerPairs().clone();
    String[] otherOrder = {same[2], same[3], same[0], same[1]};
    String[] copies = {new String(same[0]), same[1], same[2], same[3]};
    String[] otherKey = {"verb", same[1], same[2], same[3]};

    assertThat(findInCallerOrder(same)).isSameAs(added);
    assertThat(findInCallerOrder(otherOrder)).isNull();
    assertThat(findInCallerOrder(copies)).isNull();
    assertThat(findInCallerOrder(otherKey)).isNull();
    assertThat(findInCallerOrder(new String[] {same[0], same[1]})).isNull();
    assertThat(findInCallerOrder(new String[] {same[0], null, same[2], same[3]})).isNull();
    for (String[] anyOrder : List.of(otherOrder, copies)) {
      assertThat(
              table.get(SeriesKey.hash("acme", "requests", anyOrder), "acme", "requests", anyOrder))
          .isSameAs(added);
    }
  }

  @Test
  void getInCallerOrder_followsGrowthAndRemoval() {
    List<SeriesKey> keys = new ArrayList<>();
    List<Series> added = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      SeriesKey k = key(i);
      keys.add(k);
      added.add(table.computeIfAbsent(k, SeriesTableTest::series));
    }

    boolean removed = table.remove(keys.get(7), added.get(7));

    assertThat(removed).isTrue();
    for (int i = 0; i < 2_000; i++) {
      String[] pairs = keys.get(i).callerPairs();
      Series found =
          table.getInCallerOrder(
              SeriesKey.callerOrderHash("acme", "requests", pairs), "acme", "requests", pairs);
      assertThat(found).isSameAs(i == 7 ? null : added.get(i));
    }
  }

  private Series findInCallerOrder(String[] pairs) {
    return table.getInCallerOrder(
        SeriesKey.callerOrderHash("acme", "requests", pairs), "acme", "requests", pairs);
  }

  @Test
  void computeIfAbsent_keepsTheFirstSeries() {
    Series first = table.computeIfAbsent(key(1), SeriesTableTest::series);

    Series second = table.computeIfAbsent(key(1), SeriesTableTest::series);

    assertThat(second).isSameAs(first);
    assertThat(table.size()).isEqualTo(1);
  }

  @Test
  void remove_takesOnlyTheGivenSeries_leavingItsBucketNeighbours() {
    List<Series> added = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      added.add(table.computeIfAbsent(key(i), SeriesTableTest::series));
    }

    boolean wrongValue = table.remove(key(5), added.get(6));
    for (int i = 0; i < 1_000; i += 2) {
      assertThat(table.remove(key(i), added.get(i))).isTrue();
    }

    assertThat(wrongValue).isFalse();
    assertThat(table.size()).isEqualTo(500);
    for (int i = 0; i < 1_000; i++) {
      assertThat(table.get(key(i))).isSameAs(i % 2 == 0 ? null : added.get(i));
    }
  }

  @Test
  void put_replaces_andClear_empties() {
    Series first = table.computeIfAbsent(key(1), SeriesTableTest::series);
    Series replacement = series(key(1));

    table.put(key(1), replacement);
    Series afterPut = table.get(key(1));
    table.clear();

    assertThat(afterPut).isSameAs(replacement).isNotSameAs(first);
    assertThat(table.size()).isZero();
    assertThat(table.get(key(1))).isNull();
  }
}
