/**
 * Auto-configuration of the {@code zkAsync} health contributor.
 */
@NullMarked
package dev.zkasync.spring.boot.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
