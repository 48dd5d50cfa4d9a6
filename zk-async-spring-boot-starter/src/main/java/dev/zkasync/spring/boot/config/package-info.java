/**
 * {@code spring.config.import=zk-async:}: configuration properties read from a ZooKeeper tree in
 * Spring Cloud Zookeeper's layout, kept current by a watch-kept cache.
 */
@NullMarked
package dev.zkasync.spring.boot.config;

import org.jspecify.annotations.NullMarked;
