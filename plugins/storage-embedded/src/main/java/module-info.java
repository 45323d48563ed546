/**
 * The embedded metric storage: storage type {@code embedded}, the host's default. Keeps metric
 * history in one SQLite file under the installation, with no server to run, durable across restarts
 * and {@code kill -9}.
 *
 * <p>SQLite comes from {@code org.xerial.sqlitejdbc}, a module with its own descriptor that ships
 * beside this plugin's jar. It requires {@code java.sql} and {@code java.sql.rowset}, which come
 * from the boot layer, so the host must resolve them there.
 */
module nexus.monitoring.plugin.storage.embedded {
  requires nexus.monitoring.api;
  requires java.sql;
  requires org.xerial.sqlitejdbc;

  provides nexus.monitoring.api.spi.MonitoringPlugin with
      nexus.monitoring.plugin.storage.embedded.EmbeddedStoragePlugin;
}
