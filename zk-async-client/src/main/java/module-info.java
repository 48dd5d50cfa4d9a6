/**
 * zk-async: a Kazoo-style asynchronous ZooKeeper client on Netty.
 *
 * <p>The API packages are exported; the wire protocol ({@code dev.zkasync.client.protocol}) and the
 * session machinery ({@code dev.zkasync.client.session}) are internal and may change in any release.
 * Netty's transport and handler modules are required transitively because the API names their types
 * ({@code EventLoopGroup} on the builder, {@code SslContext} on {@code TlsConfig}). Native epoll is
 * optional: on the module path, add {@code io.netty.transport.classes.epoll} and the native module
 * (e.g. with {@code --add-modules}) to use it; without it the client runs on NIO.
 */
module dev.zkasync.client {
    requires transitive io.netty.transport;
    requires transitive io.netty.handler;
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.common;
    requires static io.netty.transport.classes.epoll;
    requires static io.netty.transport.unix.common;
    requires org.slf4j;
    requires java.security.sasl;

    exports dev.zkasync.client;
    exports dev.zkasync.client.acl;
    exports dev.zkasync.client.connect;
    exports dev.zkasync.client.data;
    exports dev.zkasync.client.exception;
    exports dev.zkasync.client.handler;
    exports dev.zkasync.client.metrics;
    exports dev.zkasync.client.path;
    exports dev.zkasync.client.recipe;
    exports dev.zkasync.client.retry;
    exports dev.zkasync.client.sasl;
    exports dev.zkasync.client.state;
    exports dev.zkasync.client.tls;
    exports dev.zkasync.client.watch;
}
