/**
 * Auto-configuration of a {@link dev.zkasync.client.KazooClient} from the {@code zk.async.*}
 * properties.
 */
@NullMarked
package dev.zkasync.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
