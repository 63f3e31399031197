package org.qnetstack.hal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.qnetstack.hal.spi.DetectorControllerProvider;
import org.qnetstack.hal.device.AsyncQuantumDevice;
import org.qnetstack.hal.spi.PlatformProvider;
import org.qnetstack.hal.spi.QuantumDeviceProvider;

/**
 * Finds drivers on the class path with {@link ServiceLoader} and picks the first that accepts a URI,
 * in the manner of JDBC's {@code DriverManager}.
 */
public final class Drivers {
    private Drivers() {
    }

    /** Opens a platform, e.g. {@code sim:world} for the simulated world. */
    public static Platform openPlatform(URI uri, PlatformSpec spec) {
        List<String> seen = new ArrayList<>();
        for (PlatformProvider p : ServiceLoader.load(PlatformProvider.class, classLoader())) {
            seen.add(p.getClass().getName());
            if (p.accepts(uri)) {
                return p.open(uri, spec);
            }
        }
        throw new DriverNotFoundException("platform", uri, seen);
    }

    /** Opens a detector controller, e.g. {@code serial:/dev/ttyUSB0?baud=115200}. */
    public static DetectorController openDetectorController(URI uri, Scheduler scheduler) {
        List<String> seen = new ArrayList<>();
        for (DetectorControllerProvider p : ServiceLoader.load(DetectorControllerProvider.class, classLoader())) {
            seen.add(p.getClass().getName());
            if (p.accepts(uri)) {
                return p.open(uri, scheduler);
            }
        }
        throw new DriverNotFoundException("detector controller", uri, seen);
    }

    /**
     * Opens a quantum device, e.g. {@code qdevice:tcp://localhost:7400?node=alice}; its completions and
     * events come on the scheduler, which must accept tasks from any thread.
     */
    public static AsyncQuantumDevice openQuantumDevice(URI uri, Scheduler scheduler) {
        List<String> seen = new ArrayList<>();
        for (QuantumDeviceProvider p : ServiceLoader.load(QuantumDeviceProvider.class, classLoader())) {
            seen.add(p.getClass().getName());
            if (p.accepts(uri)) {
                return p.open(uri, scheduler);
            }
        }
        throw new DriverNotFoundException("quantum device", uri, seen);
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Drivers.class.getClassLoader();
    }
}
