/** TLS settings for client connections. */
package dev.zkasync.client.tls;
