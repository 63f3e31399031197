#!/usr/bin/env python3
"""A small quantum device speaking the qdevice protocol (docs/qdevice-protocol.md), version 1.

It shows that the protocol can be served from another language with the standard library only, and
it is what the Java conformance kit drives in PythonStubConformanceTest. What it models: ideal
(noiseless) qubits in one shared state vector over every qubit of every node it serves, so gates,
measurements along any axis and two-qubit gates follow the Born rule exactly; two nodes (default
"a" and "b", two qubits each: qubit 0 communication, qubit 1 storage) joined by one link "a-b"
whose station heralds a Psi+ or Psi- pair with probability 1/2 per attempt in which both ends
attempt. Operations take fixed durations, replied to once that much time has passed; a qubit with
an operation or attempt run in progress is busy. Random draws come from one seeded generator.

Faults for testing that the kit catches a broken device (--fault): wrong-durations (reports
durations other than those declared), unknown-ids (answers some requests under ids never sent),
bad-outcomes (reports measurement outcome 2), silent (answers nothing after the handshake).

Usage: qdevice_stub.py [--port N] [--seed N] [--fault NAME]; prints "listening on PORT" first.
"""
import argparse
import cmath
import heapq
import json
import math
import random
import selectors
import socket
import sys
import time

VERSION = 1
MAX_FRAME = 65536
DURATIONS = {"initialization": 1000, "singleQubitGate": 100, "twoQubitGate": 1000,
             "measurement": 2000, "emission": 500}
SLOT_NANOS = 200_000
LINK = "a-b"
QUBITS_PER_NODE = 2
GATES = ["X", "Y", "Z", "H", "S", "S_DAGGER", "T", "T_DAGGER"]


class DeviceError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


class StateVector:
    """Amplitudes of n qubits; qubit k is bit k of the basis index."""

    def __init__(self, n, rng):
        self.n = n
        self.amp = [0j] * (1 << n)
        self.amp[0] = 1
        self.rng = rng

    def one(self, q, m):
        bit = 1 << q
        for i in range(len(self.amp)):
            if not i & bit:
                a0, a1 = self.amp[i], self.amp[i | bit]
                self.amp[i] = m[0][0] * a0 + m[0][1] * a1
                self.amp[i | bit] = m[1][0] * a0 + m[1][1] * a1

    def cnot(self, c, t):
        for i in range(len(self.amp)):
            if i & (1 << c) and not i & (1 << t):
                j = i | (1 << t)
                self.amp[i], self.amp[j] = self.amp[j], self.amp[i]

    def cz(self, a, b):
        for i in range(len(self.amp)):
            if i & (1 << a) and i & (1 << b):
                self.amp[i] = -self.amp[i]

    def measure_z(self, q):
        bit = 1 << q
        p1 = sum(abs(a) ** 2 for i, a in enumerate(self.amp) if i & bit)
        outcome = 1 if self.rng.random() < p1 else 0
        norm = math.sqrt(p1 if outcome else 1 - p1) or 1
        for i in range(len(self.amp)):
            self.amp[i] = self.amp[i] / norm if bool(i & bit) == bool(outcome) else 0j
        return outcome

    def reset(self, q):
        if self.measure_z(q):
            self.one(q, gate("X"))


def gate(name):
    s = 1 / math.sqrt(2)
    return {"X": [[0, 1], [1, 0]], "Y": [[0, -1j], [1j, 0]], "Z": [[1, 0], [0, -1]],
            "H": [[s, s], [s, -s]], "S": [[1, 0], [0, 1j]], "S_DAGGER": [[1, 0], [0, -1j]],
            "T": [[1, 0], [0, cmath.exp(1j * math.pi / 4)]],
            "T_DAGGER": [[1, 0], [0, cmath.exp(-1j * math.pi / 4)]]}[name]


def rotation(axis, theta):
    c, s = math.cos(theta / 2), math.sin(theta / 2)
    return {"X": [[c, -1j * s], [-1j * s, c]], "Y": [[c, -s], [s, c]],
            "Z": [[cmath.exp(-1j * theta / 2), 0], [0, cmath.exp(1j * theta / 2)]]}[axis]


class Stub:
    def __init__(self, nodes, seed, fault):
        self.rng = random.Random(seed)
        self.nodes = nodes
        self.fault = fault
        self.state = StateVector(QUBITS_PER_NODE * len(nodes), self.rng)
        self.busy = set()             # (node, qubit)
        self.sessions = {}            # node -> Session
        self.runs = {}                # node -> {run id: run dict}
        self.next_run = {n: 1 for n in nodes}
        self.emissions = {}           # slot -> {node: qubit}
        self.timers = []
        self.seq = 0
        self.origin = time.monotonic_ns()

    def now(self):
        return time.monotonic_ns() - self.origin

    def at(self, due, fn):
        self.seq += 1
        heapq.heappush(self.timers, (due, self.seq, fn))

    def index(self, node, qubit):
        return self.nodes.index(node) * QUBITS_PER_NODE + qubit

    def capabilities(self):
        return {"model": "python-stub", "version": "qdevice_stub.py/1",
                "qubits": ["COMMUNICATION", "STORAGE"],
                "interfaces": [{"link": LINK, "slotNanos": SLOT_NANOS}],
                "gates": GATES, "twoQubitGates": ["CNOT", "CZ"], "durations": DURATIONS,
                "attemptRuns": True}

    # ---- operations: each returns (duration, extra reply fields, qubits held until the reply)

    def qubit(self, node, value, field="qubit"):
        if not isinstance(value, int) or isinstance(value, bool):
            raise DeviceError("PROTOCOL_VIOLATION", field + " must be an integer")
        if not 0 <= value < QUBITS_PER_NODE:
            raise DeviceError("INVALID_QUBIT", "qubits are 0..%d (was %d)" % (QUBITS_PER_NODE - 1, value))
        if (node, value) in self.busy:
            raise DeviceError("QUBIT_BUSY", "qubit %d has an operation or attempt run in progress" % value)
        return value

    def attempt_checks(self, node, r):
        if r["link"] != LINK:
            raise DeviceError("INVALID_ARGUMENT", "no photonic interface on link '%s'" % r["link"])
        q = self.qubit(node, r["qubit"])
        if q != 0:
            raise DeviceError("INVALID_QUBIT", "qubit %d is a storage qubit: only qubit 0 emits" % q)
        if not 0 < r["alpha"] <= 0.5:
            raise DeviceError("INVALID_ARGUMENT", "alpha must be in (0, 0.5]")
        return q

    def operate(self, node, r):
        op = r["op"]
        sv = self.state
        if op == "ping":
            return 0, {}, []
        if op in ("init", "discard"):
            q = self.qubit(node, r["qubit"])
            sv.reset(self.index(node, q))
            return (DURATIONS["initialization"] if op == "init" else 0), {}, [q]
        if op == "gate":
            q = self.qubit(node, r["qubit"])
            if r["gate"] not in GATES:
                raise DeviceError("UNSUPPORTED", "no gate " + str(r["gate"]))
            sv.one(self.index(node, q), gate(r["gate"]))
            return DURATIONS["singleQubitGate"], {}, [q]
        if op == "rotate":
            q = self.qubit(node, r["qubit"])
            sv.one(self.index(node, q), rotation(r["axis"], float(r["angle"])))
            return DURATIONS["singleQubitGate"], {}, [q]
        if op in ("gate2", "move"):
            a = self.qubit(node, r["control" if op == "gate2" else "from"])
            b = self.qubit(node, r["target" if op == "gate2" else "to"])
            if a == b:
                raise DeviceError("INVALID_ARGUMENT", "two different qubits needed (both were %d)" % a)
            ia, ib = self.index(node, a), self.index(node, b)
            if op == "move":
                sv.reset(ib)
                sv.cnot(ia, ib)
                sv.cnot(ib, ia)
                return DURATIONS["initialization"] + 2 * DURATIONS["twoQubitGate"], {}, [a, b]
            if r["gate"] == "CNOT":
                sv.cnot(ia, ib)
            else:
                sv.cz(ia, ib)
            return DURATIONS["twoQubitGate"], {}, [a, b]
        if op == "measure":
            q = self.qubit(node, r["qubit"])
            outcome = self.measure_along(self.index(node, q), r["axis"])
            if self.fault == "bad-outcomes":
                outcome = 2
            return DURATIONS["measurement"], {"outcome": outcome}, [q]
        if op == "emit":
            q = self.attempt_checks(node, r)
            self.emit(node, q, r["slot"])
            return DURATIONS["emission"], {}, [q]
        if op == "start-run":
            return 0, {"run": self.start_run(node, r)}, []
        if op == "stop-run":
            return self.stop_run(node, r["run"], r["slot"]), {}, []
        raise DeviceError("UNSUPPORTED", "no operation " + str(op))

    def measure_along(self, i, axis):
        theta, phi = float(axis["theta"]), float(axis["phi"])
        if phi:
            self.state.one(i, rotation("Z", -phi))
        if theta:
            self.state.one(i, rotation("Y", -theta))
        return self.state.measure_z(i)

    # ---- entanglement: emissions, attempt runs, heralds

    def pair(self, detector):
        """Puts the two nodes' communication qubits in Psi+ (detector 0) or Psi- (detector 1)."""
        ia, ib = self.index(self.nodes[0], 0), self.index(self.nodes[1], 0)
        self.state.reset(ia)
        self.state.reset(ib)
        self.state.one(ia, gate("H"))
        self.state.cnot(ia, ib)
        self.state.one(ib, gate("X"))
        if detector:
            self.state.one(ia, gate("Z"))

    def emit(self, node, qubit, slot):
        ends = self.emissions.setdefault(slot, {})
        ends[node] = qubit
        if len(ends) == len(self.nodes) and self.rng.random() < 0.5:
            detector = self.rng.randrange(2)
            self.at(max(self.now(), (slot + 1) * SLOT_NANOS), lambda: self.herald_emission(slot, detector))

    def herald_emission(self, slot, detector):
        self.emissions.pop(slot, None)
        self.pair(detector)
        for node in self.nodes:
            self.event(node, {"event": "herald", "link": LINK, "slot": slot, "detector": detector, "run": 0})

    def start_run(self, node, r):
        q = self.attempt_checks(node, r)
        if r["firstSlot"] < self.now() // SLOT_NANOS:
            raise DeviceError("INVALID_ARGUMENT", "a run cannot start in a past slot (%d)" % r["firstSlot"])
        run_id = self.next_run[node]
        self.next_run[node] += 1
        self.runs.setdefault(node, {})[run_id] = {"qubit": q, "first": r["firstSlot"], "stride": r["stride"],
                                                   "axes": r["axes"], "stop": None, "next": None}
        self.busy.add((node, q))
        self.schedule_success()
        return run_id

    def active(self, node):
        return next((run for run in self.runs.get(node, {}).values() if run["stop"] is None), None)

    def schedule_success(self):
        """With both ends' runs in step, draws the slot of their next success and heralds it then."""
        runs = [self.active(n) for n in self.nodes]
        if None in runs or runs[0]["stride"] != runs[1]["stride"] or runs[0]["first"] != runs[1]["first"]:
            return
        a, b = runs
        if a["next"] is not None:
            return
        stride = a["stride"]
        upcoming = self.now() // SLOT_NANOS + 1
        slot = a["first"] if upcoming <= a["first"] else a["first"] + -(-(upcoming - a["first"]) // stride) * stride
        while self.rng.random() >= 0.5:
            slot += stride
        a["next"] = b["next"] = slot
        self.at(slot * SLOT_NANOS, lambda: self.succeed(a, b, slot))

    def succeed(self, a, b, slot):
        if a["stop"] is not None or b["stop"] is not None or a["next"] != slot:
            return
        a["next"] = b["next"] = None
        detector = self.rng.randrange(2)
        self.pair(detector)
        for node, run in zip(self.nodes, (a, b)):
            run_id = next(k for k, v in self.runs[node].items() if v is run)
            herald = {"event": "herald", "link": LINK, "slot": slot, "detector": detector, "run": run_id}
            if run["axes"]:
                axis = self.rng.choice(run["axes"])
                herald["axis"] = axis
                herald["outcome"] = self.measure_along(self.index(node, run["qubit"]), axis)
            else:
                run["stop"] = slot + 1
                self.busy.discard((node, run["qubit"]))
            self.event(node, herald)
        self.schedule_success()

    def stop_run(self, node, run_id, slot):
        run = self.runs.get(node, {}).get(run_id)
        if run is None:
            raise DeviceError("INVALID_ARGUMENT", "this device started no attempt run %d" % run_id)
        if run["stop"] is None:
            run["stop"] = max(slot, run["first"])
            self.busy.discard((node, run["qubit"]))
            for other in self.runs.values():
                for r in other.values():
                    r["next"] = None
        return 0

    # ---- frames

    def event(self, node, fields):
        session = self.sessions.get(node)
        if session and self.fault != "silent":
            session.send(dict(type="event", **fields))


class Session:
    def __init__(self, stub, sock):
        self.stub = stub
        self.sock = sock
        self.buffer = b""
        self.node = None
        self.last_id = 0
        self.closed = False

    def send(self, message):
        if not self.closed:
            try:
                self.sock.sendall((json.dumps(message, separators=(",", ":")) + "\n").encode())
            except OSError:
                self.close()

    def close(self):
        if not self.closed:
            self.closed = True
            if self.node and self.stub.sessions.get(self.node) is self:
                del self.stub.sessions[self.node]
                for run in self.stub.runs.get(self.node, {}).values():
                    if run["stop"] is None:
                        run["stop"] = 0
                        self.stub.busy.discard((self.node, run["qubit"]))
            self.sock.close()

    def received(self, data):
        self.buffer += data
        while b"\n" in self.buffer:
            line, self.buffer = self.buffer.split(b"\n", 1)
            if len(line) + 1 > MAX_FRAME:
                continue
            try:
                message = json.loads(line.decode())
            except ValueError:
                continue  # a malformed frame is dropped
            if isinstance(message, dict):
                self.frame(message)
        if len(self.buffer) > MAX_FRAME:
            self.buffer = b""

    def fatal(self, code, text, **extra):
        self.send(dict(type="error", id=0, code=code, message=text, **extra))
        self.close()

    def frame(self, m):
        stub = self.stub
        if self.node is None:
            if m.get("type") != "hello":
                return self.fatal("PROTOCOL_VIOLATION", "the first frame must be hello")
            if VERSION not in m.get("versions", []):
                return self.fatal("VERSION_MISMATCH", "this device speaks version 1 only", versions=[VERSION])
            node = m.get("node")
            if node not in stub.nodes or node in stub.sessions:
                return self.fatal("INVALID_ARGUMENT", "no free node '%s' here (nodes: %s)" % (node, stub.nodes))
            self.node = node
            stub.sessions[node] = self
            return self.send({"type": "welcome", "version": VERSION, "device": stub.capabilities(),
                              "limits": {"maxFrameBytes": MAX_FRAME, "maxInFlight": 256}, "time": stub.now()})
        if m.get("type") == "bye":
            return self.close()
        if m.get("type") != "request" or stub.fault == "silent":
            return
        rid = m.get("id")
        if not isinstance(rid, int) or rid <= self.last_id:
            return
        self.last_id = rid
        try:
            duration, extra, held = stub.operate(self.node, m)
        except DeviceError as e:
            return self.send({"type": "error", "id": rid, "code": e.code, "message": str(e)})
        except (KeyError, TypeError, ValueError) as e:
            return self.send({"type": "error", "id": rid, "code": "PROTOCOL_VIOLATION",
                              "message": "bad request: %r" % e})
        reported = duration
        if stub.fault == "wrong-durations" and m["op"] != "ping":
            reported = duration + 700
        answer_id = rid + 1000 if stub.fault == "unknown-ids" and rid % 3 == 0 else rid
        for q in held:
            stub.busy.add((self.node, q))

        def reply():
            for q in held:
                stub.busy.discard((self.node, q))
            self.send(dict(type="done", id=answer_id, duration=reported, **extra))
        begins = stub.now()
        if m["op"] == "emit":
            begins = max(begins, m["slot"] * SLOT_NANOS)  # the photon goes out when its slot begins
        stub.at(begins + duration, reply)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--nodes", default="a,b")
    parser.add_argument("--fault", choices=["none", "wrong-durations", "unknown-ids", "bad-outcomes", "silent"],
                        default="none")
    args = parser.parse_args()
    nodes = args.nodes.split(",")
    if len(nodes) != 2:
        parser.error("--nodes names the two ends of the link")
    stub = Stub(nodes, args.seed, args.fault)
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", args.port))
    server.listen()
    print("listening on %d" % server.getsockname()[1], flush=True)
    selector = selectors.DefaultSelector()
    selector.register(server, selectors.EVENT_READ)
    while True:
        wait = 0.1
        if stub.timers:
            wait = min(wait, max(0.0, (stub.timers[0][0] - stub.now()) / 1e9))
        for key, _ in selector.select(wait):
            if key.fileobj is server:
                sock, _ = server.accept()
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                selector.register(sock, selectors.EVENT_READ, Session(stub, sock))
                continue
            session = key.data
            try:
                data = key.fileobj.recv(65536)
            except OSError:
                data = b""
            if data:
                session.received(data)
            if not data or session.closed:
                selector.unregister(key.fileobj)
                session.close()
        while stub.timers and stub.timers[0][0] <= stub.now():
            heapq.heappop(stub.timers)[2]()


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(0)
