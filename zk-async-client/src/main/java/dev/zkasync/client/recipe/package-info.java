/**
 * Kazoo's recipes, async-native: {@link dev.zkasync.client.recipe.DataWatch},
 * {@link dev.zkasync.client.recipe.ChildrenWatch}, {@link dev.zkasync.client.recipe.Lock} (and
 * {@link dev.zkasync.client.recipe.ReadLock}, {@link dev.zkasync.client.recipe.WriteLock}),
 * {@link dev.zkasync.client.recipe.Semaphore}, {@link dev.zkasync.client.recipe.Election},
 * {@link dev.zkasync.client.recipe.Barrier}, {@link dev.zkasync.client.recipe.DoubleBarrier},
 * {@link dev.zkasync.client.recipe.Counter}, {@link dev.zkasync.client.recipe.Party},
 * {@link dev.zkasync.client.recipe.ShallowParty}, {@link dev.zkasync.client.recipe.Queue},
 * {@link dev.zkasync.client.recipe.LockingQueue}, {@link dev.zkasync.client.recipe.SetPartitioner},
 * {@link dev.zkasync.client.recipe.TreeCache}, {@link dev.zkasync.client.recipe.CuratorCache},
 * {@link dev.zkasync.client.recipe.NonBlockingLease} and
 * {@link dev.zkasync.client.recipe.MultiNonBlockingLease}.
 *
 * <p>Make them with {@link dev.zkasync.client.recipe.KazooRecipes#of KazooRecipes.of(client)} (the
 * examples in the recipes' docs call that {@code recipes}) or with their constructors.
 *
 * <p>They use only {@link dev.zkasync.client.KazooClient}'s public API: its timer
 * ({@code KazooClient.schedule}) and its retry engine ({@link dev.zkasync.client.retry.AsyncRetry}). Waiting is done with
 * watches and {@link dev.zkasync.client.handler.AsyncResult} composition, never by blocking the event loop
 * or the handler; every operation has an async form, and the blocking form waits on it (and refuses
 * to run on the handler thread, where it could never finish). Node layouts are Kazoo's, so Kazoo
 * processes share the same locks, parties and queues; {@code Lock.Layout.CURATOR} and
 * {@code Counter}'s Curator format interoperate with Curator. See {@code docs/recipes.md}.
 */
package dev.zkasync.client.recipe;
