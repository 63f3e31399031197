package org.qnetstack.api.stack;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.qnetstack.api.Cutoff;
import org.qnetstack.api.DistillationMode;
import org.qnetstack.api.EprErrorCode;
import org.qnetstack.api.EprException;
import org.qnetstack.api.internal.ApiTypes;
import org.qnetstack.api.PairQuality;
import org.qnetstack.api.RefusalReason;
import org.qnetstack.api.internal.NodeRuntime;
import org.qnetstack.network.Admission;
import org.qnetstack.network.AdmissionException;
import org.qnetstack.network.CircuitPolicy;
import org.qnetstack.network.Distillation;
import org.qnetstack.network.DistillationProtocol;
import org.qnetstack.network.NetworkError;
import org.qnetstack.network.Refusal;

/**
 * One node's planner of its sockets' qualities: a {@link PairQuality} becomes the network controller's plan
 * ({@link Admission#plan}), and the controller's refusal ({@link AdmissionException} with its {@link Refusal})
 * becomes the API's ({@link EprException} REFUSED with its {@link RefusalReason}). Here, in the composition root,
 * because only it may name the network layer from app-api (the sockets reach the network through the transport).
 */
final class QualityPlans implements NodeRuntime.QualityPlanner {
    private final String node;
    private final @Nullable Admission admission;

    /** @param admission the network's controller, or null if the node has none (every quality is refused) */
    QualityPlans(String node, @Nullable Admission admission) {
        this.node = node;
        this.admission = admission;
    }

    @Override
    public CircuitPolicy plan(String remote, PairQuality quality, boolean measured) {
        if (admission == null) {
            throw new EprException(EprErrorCode.REFUSED, "this network has no controller to plan a quality of "
                    + "service with (its platform does not describe every node, as in a deployment, where each "
                    + "process reaches only its own device): drop with(quality), or give the stack the network's "
                    + "controller (NodeStack.admission)");
        }
        Cutoff cutoff = quality.cutoff();
        // A measured pair is never stored or distilled: what AUTO would choose for kept pairs does not apply.
        DistillationMode mode = measured && quality.distillation() == DistillationMode.AUTO ? DistillationMode.NONE
                : quality.distillation();
        try {
            return admission.plan(node, remote, quality.minFidelity(), quality.pairsPerSecond(), distillations(mode),
                    cutoff.auto() && !measured, cutoff.after() == null ? 0 : nanos(cutoff));
        } catch (AdmissionException e) {
            throw refused(e);
        }
    }

    @Override
    public EprException failure(NetworkError error) {
        Refusal r = error.refusal();
        if (r == null) {
            return new EprException(ApiTypes.code(error.code()), error.message());
        }
        RefusalReason reason = reason(r);
        return new EprException(EprErrorCode.REFUSED, error.message() + " — " + reason.describe(), reason);
    }

    @Override
    public RuntimeException refusal(RuntimeException e) {
        return e instanceof AdmissionException refused ? refused(refused) : e;
    }

    private static long nanos(Cutoff cutoff) {
        try {
            return cutoff.after().toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE; // longer than any run: no cutoff in effect
        }
    }

    /**
     * The distillations the network may choose from for a mode, in the order it tries them (null: none): a named
     * protocol with the fewest rounds first; AUTO none first, then DEJMPS (which keeps more than BBPSSW per round
     * on the same pairs).
     */
    static List<@Nullable Distillation> distillations(DistillationMode mode) {
        List<@Nullable Distillation> out = new ArrayList<>();
        if (mode == DistillationMode.NONE || mode == DistillationMode.AUTO) {
            out.add(null);
        }
        DistillationProtocol protocol = switch (mode) {
            case NONE -> null;
            case BBPSSW -> DistillationProtocol.BBPSSW;
            case DEJMPS, AUTO -> DistillationProtocol.DEJMPS;
        };
        if (protocol != null) {
            for (int rounds = 1; rounds <= Distillation.MAX_ROUNDS; rounds++) {
                out.add(new Distillation(protocol, rounds));
            }
        }
        return out;
    }

    private static RefusalReason reason(Refusal r) {
        return new RefusalReason(RefusalReason.Figure.valueOf(r.figure().name()),
                RefusalReason.Scope.valueOf(r.scope().name()), r.where(), r.asked(), r.achievable(), r.needed(),
                r.advice());
    }

    /** The network's refusal as the API reports it: REFUSED, with its reason in figures when it has them. */
    static EprException refused(AdmissionException e) {
        Refusal r = e.refusal();
        if (r == null) {
            return new EprException(EprErrorCode.REFUSED, e.getMessage());
        }
        RefusalReason reason = reason(r);
        return new EprException(EprErrorCode.REFUSED, e.getMessage() + " — " + reason.describe(), reason);
    }
}
