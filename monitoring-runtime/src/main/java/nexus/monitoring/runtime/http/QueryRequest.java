package nexus.monitoring.runtime.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nexus.monitoring.api.AggregationFunction;
import nexus.monitoring.api.AggregationSpec;
import nexus.monitoring.api.MonitoringException;
import nexus.monitoring.api.QuerySpec;

/**
 * A query as the HTTP API and the {@code query} command take it: text parameters turned into a
 * {@link QuerySpec} and an {@link AggregationSpec}, with errors that name the parameter.
 *
 * <p>Parameters: {@code metric} (required); {@code function} (avg, sum, min, max, count, p50, p95,
 * p99, stddev, rate, ewma; default avg); {@code alpha} (EWMA only); {@code from} and {@code to}
 * (ISO-8601 instants, epoch milliseconds, {@code now}, or {@code now-1h} / {@code -1h}; default the
 * last hour); {@code step} (a duration such as {@code 1m}; default the whole range); {@code
 * group-by} (comma-separated tag keys); {@code tag} (repeatable, {@code key=value} or {@code
 * key:value}).
 *
 * @param query what to read
 * @param aggregation how to reduce it
 */
public record QueryRequest(QuerySpec query, AggregationSpec aggregation) {
  private static final Pattern RELATIVE =
      Pattern.compile("(?:now)?-(\\d+)(ms|s|m|h|d)", Pattern.CASE_INSENSITIVE);
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  /** A parameter was missing or wrong; the message names it. */
  public static final class InvalidQueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidQueryException(String message) {
      super(message);
    }
  }

  /**
   * @throws InvalidQueryException naming the parameter, its value and what was expected
   */
  private static final java.util.Set<String> KNOWN =
      java.util.Set.of("metric", "function", "alpha", "from", "to", "step", "group-by", "tag");

  public static QueryRequest parse(Map<String, List<String>> params, String tenant, Clock clock) {
    for (String name : params.keySet()) {
      if (!KNOWN.contains(name)) {
        throw new InvalidQueryException(
            "unknown parameter '"
                + name
                + "'; expected metric, function, alpha, from, to, step, group-by or tag");
      }
    }
    String metric = single(params, "metric");
    if (metric == null || metric.isBlank()) {
      throw new InvalidQueryException("parameter 'metric' is required");
    }
    Instant now = clock.instant();
    Instant to = instant(params, "to", now, now);
    Instant from = instant(params, "from", to.minus(Duration.ofHours(1)), now);
    String functionText = single(params, "function");
    AggregationFunction function;
    try {
      function =
          functionText == null
              ? AggregationFunction.AVG
              : AggregationFunction.valueOf(functionText.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidQueryException(
          "parameter 'function' is '"
              + functionText
              + "'; expected one of avg, sum, min, max, count, p50, p95, p99, stddev, rate, ewma");
    }
    try {
      AggregationSpec aggregation;
      String alpha = single(params, "alpha");
      if (function == AggregationFunction.EWMA) {
        if (alpha == null) {
          throw new InvalidQueryException(
              "parameter 'alpha' is required for function ewma (a smoothing factor in (0, 1])");
        }
        aggregation = AggregationSpec.ewma(number("alpha", alpha));
      } else {
        if (alpha != null) {
          throw new InvalidQueryException(
              "parameter 'alpha' applies to function ewma only, not " + functionText);
        }
        aggregation = AggregationSpec.of(function);
      }
      QuerySpec.Builder spec = QuerySpec.builder(metric.trim()).between(from, to).tenant(tenant);
      String step = single(params, "step");
      if (step != null) {
        spec.step(duration("step", step));
      }
      String groupBy = single(params, "group-by");
      if (groupBy != null && !groupBy.isBlank()) {
        spec.groupBy(groupBy.split("\\s*,\\s*"));
      }
      for (String tag : params.getOrDefault("tag", List.of())) {
        int at = indexOfSeparator(tag);
        if (at <= 0) {
          throw new InvalidQueryException(
              "parameter 'tag' is '" + tag + "'; expected key=value or key:value");
        }
        spec.tag(tag.substring(0, at).trim(), tag.substring(at + 1));
      }
      return new QueryRequest(spec.build(), aggregation);
    } catch (MonitoringException e) {
      throw new InvalidQueryException(e.getMessage());
    }
  }

  private static int indexOfSeparator(String tag) {
    int eq = tag.indexOf('=');
    int colon = tag.indexOf(':');
    if (eq < 0) {
      return colon;
    }
    return colon < 0 ? eq : Math.min(eq, colon);
  }

  private static String single(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw new InvalidQueryException(
          "parameter '" + name + "' is given " + values.size() + " times; expected once");
    }
    return values.get(0);
  }

  private static Instant instant(
      Map<String, List<String>> params, String name, Instant defaultValue, Instant now) {
    String text = single(params, name);
    if (text == null) {
      return defaultValue;
    }
    String t = text.trim();
    if (t.equalsIgnoreCase("now")) {
      return now;
    }
    Matcher relative = RELATIVE.matcher(t);
    if (relative.matches()) {
      return now.minus(unit(Long.parseLong(relative.group(1)), relative.group(2)));
    }
    if (t.chars().allMatch(Character::isDigit) && !t.isEmpty()) {
      return Instant.ofEpochMilli(Long.parseLong(t));
    }
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException e) {
      throw new InvalidQueryException(
          "parameter '"
              + name
              + "' is '"
              + text
              + "'; expected an ISO-8601 instant (2026-12-04T10:00:00Z), epoch milliseconds,"
              + " now, or now-1h");
    }
  }

  private static Duration duration(String name, String text) {
    Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (m.matches()) {
      Duration d = unit(Long.parseLong(m.group(1)), m.group(2));
      if (!d.isZero()) {
        return d;
      }
    }
    throw new InvalidQueryException(
        "parameter '"
            + name
            + "' is '"
            + text
            + "'; expected a positive duration such as 30s or 5m");
  }

  private static Duration unit(long amount, String unit) {
    return switch (unit.toLowerCase(Locale.ROOT)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }

  private static double number(String name, String text) {
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new InvalidQueryException(
          "parameter '" + name + "' is '" + text + "'; expected a number");
    }
  }

  /** Parameters as lists, from {@code key -> value} pairs given in order. */
  public static Map<String, List<String>> params(List<Map.Entry<String, String>> pairs) {
    Map<String, List<String>> result = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, String> pair : pairs) {
      result.computeIfAbsent(pair.getKey(), k -> new ArrayList<>()).add(pair.getValue());
    }
    return result;
  }
}
