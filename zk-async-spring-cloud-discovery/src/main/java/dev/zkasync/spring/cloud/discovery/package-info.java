/**
 * Spring Cloud Commons discovery on the zk-async client: {@link dev.zkasync.spring.cloud.discovery.ZkAsyncDiscoveryClient},
 * {@link dev.zkasync.spring.cloud.discovery.ZkAsyncServiceRegistry} and auto-registration, in the node layout and
 * JSON of Curator's service discovery as Spring Cloud Zookeeper writes them.
 */
package dev.zkasync.spring.cloud.discovery;
