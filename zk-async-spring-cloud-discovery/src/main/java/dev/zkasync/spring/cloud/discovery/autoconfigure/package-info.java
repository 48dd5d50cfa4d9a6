/**
 * Auto-configuration for discovery and registration on the zk-async client ({@code zk.async.discovery.*}).
 */
package dev.zkasync.spring.cloud.discovery.autoconfigure;
