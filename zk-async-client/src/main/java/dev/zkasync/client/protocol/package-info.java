/**
 * The ZooKeeper wire protocol: Jute encoding on Netty buffers, frames, opcodes and reserved xids,
 * and one type per operation the client sends ({@link dev.zkasync.client.protocol.GetData},
 * {@link dev.zkasync.client.protocol.Create}, {@link dev.zkasync.client.protocol.Multi}, ...). Each
 * operation type owns its opcode, the encoding of its request record (a whole frame, and the record
 * alone where the operation can sit inside a multi) and the decoding of its reply, as stateless
 * {@link dev.zkasync.client.protocol.ReplyDecoder} singletons; only {@code Multi} and
 * {@code MultiRead} are per request, since their replies are read against their operations.
 * Everything here is a pure function over {@code ByteBuf}s: no I/O, no state.
 *
 * <p><b>Internal, not API.</b> The package is public only so that the session and the facade, in
 * other packages, can reach it; it may change in any release. It depends on the value packages
 * ({@code data}, {@code acl}, {@code exception}, {@code path}), never on the facade. The operation
 * types are also the entry point of the JMH codec benchmarks in {@code zk-async-benchmarks}, which
 * use them on the class path to measure exactly what the client runs.
 */
package dev.zkasync.client.protocol;
