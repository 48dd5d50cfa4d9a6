/**
 * Real Apache ZooKeeper servers for tests, each in its own JVM.
 *
 * <ul>
 *   <li>{@link dev.zkasync.test.ZooKeeperProcess}: one standalone server that can be stopped, killed,
 *       restarted on the same port, paused and resumed.</li>
 *   <li>{@link dev.zkasync.test.ZooKeeperEnsemble}: a quorum of servers with reconfiguration enabled;
 *       {@link dev.zkasync.test.EnsembleMember} controls one of them.</li>
 *   <li>{@link dev.zkasync.test.ZooKeeperExtension}: a JUnit 5 extension giving each test a server
 *       and a fresh chroot.</li>
 *   <li>{@link dev.zkasync.test.FaultProxy}: a TCP proxy that stalls, drops, refuses or corrupts
 *       traffic.</li>
 *   <li>{@link dev.zkasync.test.ZooKeeperServerOptions}: settings shared by all of them.</li>
 *   <li>{@link dev.zkasync.test.ZooKeeperContainer}: the official {@code zookeeper} Docker image
 *       through Testcontainers, for Spring Boot's {@code @ServiceConnection} (needs Docker).</li>
 * </ul>
 *
 * <p>The server's jars are never on the test classpath: {@code zk-async-zookeeper-runtime} ships
 * their list, resolved against the local Maven repository ({@code -Dzk.async.m2},
 * {@code -Dmaven.repo.local}, env {@code M2_REPO}, {@code <localRepository>} of
 * {@code ~/.m2/settings.xml}, else {@code ~/.m2/repository}). Jars it lacks are downloaded into it
 * on the first start, checked against their {@code .sha1}, from Maven Central or
 * {@code -Dzk.async.server.repository} (env {@code ZK_ASYNC_SERVER_REPOSITORY}).
 * {@code -Dzk.async.server.version} (env {@code ZK_ASYNC_SERVER_VERSION}) runs another release,
 * 3.6.4 to 3.9.5; {@link dev.zkasync.test.ZooKeeperProcess#serverVersion()} names the one in use.
 */
package dev.zkasync.test;
