package nexus.monitoring.runtime.cli;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import nexus.monitoring.api.AggregationResult;
import nexus.monitoring.api.InvalidConfigurationException;
import nexus.monitoring.api.MonitoringException;
import nexus.monitoring.api.Tenants;
import nexus.monitoring.runtime.NexusHost;
import nexus.monitoring.runtime.http.QueryJson;
import nexus.monitoring.runtime.http.QueryRequest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code query}: one aggregation over stored history, read from the configured storage. */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description = {
      "Aggregate stored metric history: avg, sum, min, max, count, p50, p95, p99, stddev, rate"
          + " or ewma over a time range, optionally per step and grouped by tags.",
      "Exit code: 0 with a result (possibly empty), 2 on a bad option or configuration."
    })
final class QueryCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Option(names = "--metric", required = true, description = "Metric name.")
  String metric;

  @Option(
      names = "--function",
      defaultValue = "avg",
      description = "Aggregation function. Default: ${DEFAULT-VALUE}.")
  String function;

  @Option(names = "--alpha", description = "Smoothing factor in (0, 1], for ewma.")
  String alpha;

  @Option(
      names = "--from",
      description =
          "Start: ISO-8601, epoch milliseconds, now or now-1h. Default: an hour before --to.")
  String from;

  @Option(names = "--to", description = "End (exclusive), same forms. Default: now.")
  String to;

  @Option(names = "--step", description = "Bucket length, such as 1m. Default: the whole range.")
  String step;

  @Option(names = "--group-by", description = "Comma-separated tag keys to group by.")
  String groupBy;

  @Option(names = "--tag", description = "Tag filter key=value; repeatable.")
  List<String> tags = new ArrayList<>();

  @Option(
      names = "--tenant",
      defaultValue = Tenants.DEFAULT,
      description = "Tenant. Default: ${DEFAULT-VALUE}.")
  String tenant;

  @Option(names = "--format", defaultValue = "table", description = "table or json.")
  String format;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    var out = spec.commandLine().getOut();
    if (!format.equals("table") && !format.equals("json")) {
      err.println("error: --format must be table or json, not " + format);
      return ExitCodes.CONFIG_ERROR;
    }
    Map<String, List<String>> params = new LinkedHashMap<>();
    put(params, "metric", metric);
    put(params, "function", function);
    put(params, "alpha", alpha);
    put(params, "from", from);
    put(params, "to", to);
    put(params, "step", step);
    put(params, "group-by", groupBy);
    if (!tags.isEmpty()) {
      params.put("tag", tags);
    }
    QueryRequest request;
    try {
      request = QueryRequest.parse(params, Tenants.requireValid(tenant), Clock.systemUTC());
    } catch (QueryRequest.InvalidQueryException | MonitoringException e) {
      err.println(
          "error: " + e.getMessage().replace("parameter '", "option --").replace("' is", " is"));
      return ExitCodes.CONFIG_ERROR;
    }
    try (NexusHost host = NexusHost.assemble(options.load(), Clock.systemUTC())) {
      AggregationResult result = host.pipeline().query(request.query(), request.aggregation());
      if (format.equals("json")) {
        out.println(new String(QueryJson.render(result), StandardCharsets.UTF_8));
      } else {
        out.print(table(result));
      }
      out.flush();
      return ExitCodes.OK;
    } catch (InvalidConfigurationException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.CONFIG_ERROR;
    } catch (MonitoringException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.CONFIG_ERROR;
    }
  }

  private static void put(Map<String, List<String>> params, String name, String value) {
    if (value != null) {
      params.put(name, List.of(value));
    }
  }

  private static String table(AggregationResult result) {
    if (result.series().isEmpty()) {
      return "no data for "
          + result.query().metricName()
          + " between "
          + result.query().from()
          + " and "
          + result.query().to()
          + "\n";
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"SERIES", "TIME", result.aggregation().function().name()});
    for (AggregationResult.Series s : result.series()) {
      String name =
          s.groupTags().isEmpty()
              ? "(all)"
              : String.join(
                  ",", s.groupTags().stream().map(t -> t.key() + "=" + t.value()).toList());
      for (AggregationResult.Point p : s.points()) {
        rows.add(new String[] {name, p.timestamp().toString(), String.valueOf(p.value())});
      }
    }
    return Tables.render(rows);
  }
}
