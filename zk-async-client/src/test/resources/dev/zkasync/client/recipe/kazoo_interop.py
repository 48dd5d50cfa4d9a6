"""A real Kazoo process for zk-async's interop tests (KazooInteropTest).

Usage: /usr/bin/python3 kazoo_interop.py HOSTS   (HOSTS may end with the test's chroot)

Reads one command per stdin line, "<id>\t<op>\t<arg>...", runs each on its own thread (so a
blocking acquire does not hold up the next command) and answers "<id>\tok\t<value>..." or
"<id>\terr\t<exception>" on stdout, one line each. Prints "ready" once connected. Exits when stdin
closes, so it never outlives the test that started it. Recipe objects live under a handle the test
chooses.
"""
import sys
import threading

from kazoo.client import KazooClient

zk = KazooClient(hosts=sys.argv[1], timeout=10)
zk.start(timeout=20)

objects = {}
events = {}
out = threading.Lock()


def event(name):
    with out:
        return events.setdefault(name, threading.Event())


def text(value):
    if isinstance(value, bytes):
        return value.decode("utf-8")
    return str(value)


def reply(cid, status, values):
    line = "\t".join([cid, status] + [text(v).replace("\t", " ").replace("\n", " ") for v in values])
    with out:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def timeout_arg(value):
    return None if value == "None" else float(value)


# ------------------------------------------------------------------ commands


def lock(handle, kind, path, identifier):
    factory = {"lock": zk.Lock, "read": zk.ReadLock, "write": zk.WriteLock}[kind]
    objects[handle] = factory(path, identifier)


def acquire(handle, blocking="True", timeout="None"):
    return objects[handle].acquire(blocking=blocking == "True", timeout=timeout_arg(timeout))


def release(handle):
    return objects[handle].release()


def contenders(handle):
    return list(objects[handle].contenders())


def semaphore(handle, path, identifier, max_leases):
    objects[handle] = zk.Semaphore(path, identifier, max_leases=int(max_leases))


def lease_holders(handle):
    return list(objects[handle].lease_holders())


def counter_add(path, delta):
    counter = zk.Counter(path)
    counter += int(delta)
    return counter.value


def counter_value(path):
    return zk.Counter(path).value


def election(handle, path, identifier):
    objects[handle] = zk.Election(path, identifier)


def lead(handle):
    """Runs for leadership; answers once the term is over (after resign)."""

    def term():
        event(handle + ".leading").set()
        event(handle + ".resign").wait(60)

    objects[handle].run(term)
    return True


def await_leading(handle):
    return event(handle + ".leading").wait(60)


def resign(handle):
    event(handle + ".resign").set()


def queue_put(path, value, priority):
    zk.Queue(path).put(value.encode("utf-8"), priority=int(priority))


def queue_get(path):
    return zk.Queue(path).get()


def locking_queue(handle, path):
    objects[handle] = zk.LockingQueue(path)


def lq_put(handle, value, priority):
    objects[handle].put(value.encode("utf-8"), priority=int(priority))


def lq_get(handle, timeout="None"):
    return objects[handle].get(timeout=timeout_arg(timeout))


def lq_consume(handle):
    return objects[handle].consume()


def lq_release(handle):
    return objects[handle].release()


def lq_holds_lock(handle):
    return objects[handle].holds_lock()


def party(handle, kind, path, identifier):
    factory = {"party": zk.Party, "shallow": zk.ShallowParty}[kind]
    objects[handle] = factory(path, identifier)


def party_join(handle):
    objects[handle].join()


def party_leave(handle):
    return objects[handle].leave()


def party_members(handle):
    return sorted(objects[handle])


def get_data(path):
    return zk.get(path)[0]


COMMANDS = {f.__name__: f for f in [
    lock, acquire, release, contenders, semaphore, lease_holders, counter_add, counter_value,
    election, lead, await_leading, resign, queue_put, queue_get, locking_queue, lq_put, lq_get,
    lq_consume, lq_release, lq_holds_lock, party, party_join, party_leave, party_members, get_data]}


def run(cid, op, args):
    try:
        value = COMMANDS[op](*args)
        values = [] if value is None else value if isinstance(value, list) else [value]
        reply(cid, "ok", values)
    except Exception as e:  # the test sees the error's type and message
        reply(cid, "err", [type(e).__name__ + ": " + str(e)])


reply("0", "ok", ["ready"])
for line in sys.stdin:
    fields = line.rstrip("\n").split("\t")
    if len(fields) < 2:
        continue
    threading.Thread(target=run, args=(fields[0], fields[1], fields[2:]), daemon=True).start()
zk.stop()
zk.close()
