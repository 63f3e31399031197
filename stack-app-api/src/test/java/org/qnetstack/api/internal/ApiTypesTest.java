package org.qnetstack.api.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.qnetstack.api.ApiMisuseException;
import org.qnetstack.api.Basis;
import org.qnetstack.api.BasisChoice;
import org.qnetstack.api.EprErrorCode;
import org.qnetstack.api.MeasureBasis;
import org.qnetstack.api.MeasurementAxis;
import org.qnetstack.api.PairId;
import org.qnetstack.link.EntanglementId;
import org.qnetstack.api.RefusalReason;
import org.qnetstack.link.LinkErrorCode;
import org.qnetstack.network.Refusal;

/** The API's own value types convert to the lower layers' ones and back, every constant, without loss. */
class ApiTypesTest {
    /**
     * Same constants in the same order: the mapping is by name, and ordinals travel on the wire (a teleport's
     * abort message carries the error code's ordinal), so both must agree.
     */
    private static <A extends Enum<A>, L extends Enum<L>> void mapsEveryConstant(A[] api, L[] lower,
                                                                                 Function<A, L> down, Function<L, A> up) {
        assertEquals(Arrays.stream(lower).map(Enum::name).toList(), Arrays.stream(api).map(Enum::name).toList());
        for (A a : api) {
            L l = down.apply(a);
            assertEquals(a.ordinal(), l.ordinal(), a.name());
            assertEquals(a, up.apply(l), a.name());
        }
        for (L l : lower) {
            assertEquals(l, down.apply(up.apply(l)), l.name());
        }
    }

    @Test
    void everyEnumConstantMapsBothWays() {
        mapsEveryConstant(Basis.values(), org.qnetstack.hal.Basis.values(), ApiTypes::lower, ApiTypes::basis);
        // The API's error codes are the link's, same names and ordinals, plus REFUSED (the network's admission) last.
        EprErrorCode[] linkCodes = Arrays.copyOf(EprErrorCode.values(), EprErrorCode.values().length - 1);
        assertEquals(EprErrorCode.REFUSED, EprErrorCode.values()[linkCodes.length]);
        mapsEveryConstant(linkCodes, LinkErrorCode.values(), a -> LinkErrorCode.valueOf(a.name()), ApiTypes::code);
        mapsEveryConstant(RefusalReason.Figure.values(), Refusal.Figure.values(),
                f -> Refusal.Figure.valueOf(f.name()), f -> RefusalReason.Figure.valueOf(f.name()));
        mapsEveryConstant(RefusalReason.Scope.values(), Refusal.Scope.values(),
                f -> Refusal.Scope.valueOf(f.name()), f -> RefusalReason.Scope.valueOf(f.name()));
        mapsEveryConstant(MeasureBasis.values(), org.qnetstack.link.MeasureBasis.values(),
                m -> org.qnetstack.link.MeasureBasis.valueOf(m.name()), l -> MeasureBasis.valueOf(l.name()));
    }

    @Test
    void pairIdsRoundTripAndPrintAsBefore() {
        EntanglementId lower = new EntanglementId("alice", "bob", 42);
        PairId id = ApiTypes.pairId(lower);
        assertEquals(new PairId("alice", "bob", 42), id);
        assertEquals(lower, ApiTypes.lower(id));
        assertEquals(lower.toString(), id.toString());
    }

    @Test
    void axesRoundTripAndPrintAsBefore() {
        List<org.qnetstack.hal.MeasurementAxis> lowers = List.of(org.qnetstack.hal.MeasurementAxis.Z,
                org.qnetstack.hal.MeasurementAxis.X, org.qnetstack.hal.MeasurementAxis.Y,
                org.qnetstack.hal.MeasurementAxis.inXzPlane(Math.PI / 4),
                org.qnetstack.hal.MeasurementAxis.of(2.5, 5.9), org.qnetstack.hal.MeasurementAxis.of(Math.PI, 0));
        for (org.qnetstack.hal.MeasurementAxis lower : lowers) {
            MeasurementAxis axis = ApiTypes.axis(lower);
            assertEquals(lower, ApiTypes.lower(axis));
            assertEquals(lower.toString(), axis.toString());
            assertArrayEquals(lower.bloch(), axis.bloch());
            assertEquals(lower.opposite(), ApiTypes.lower(axis.opposite()));
            assertEquals(lower.pauli() == null ? null : lower.pauli().name(),
                    axis.pauli() == null ? null : axis.pauli().name());
        }
        assertEquals(ApiTypes.axis(org.qnetstack.hal.MeasurementAxis.Z), MeasurementAxis.Z);
        assertEquals(ApiTypes.axis(org.qnetstack.hal.MeasurementAxis.X), MeasurementAxis.X);
        assertEquals(ApiTypes.axis(org.qnetstack.hal.MeasurementAxis.Y), MeasurementAxis.Y);
        for (Basis b : Basis.values()) {
            assertEquals(b, MeasurementAxis.of(b).pauli());
        }
        assertNull(MeasurementAxis.inXzPlane(0.3).pauli());
        MeasurementAxis fromBloch = MeasurementAxis.fromBloch(Math.sin(0.7) * Math.cos(1.1),
                Math.sin(0.7) * Math.sin(1.1), Math.cos(0.7));
        assertEquals(0.7, fromBloch.theta(), 1e-12);
        assertEquals(1.1, fromBloch.phi(), 1e-12);
    }

    @Test
    void basisChoicesRoundTripWithTheSameOptions() {
        List<org.qnetstack.link.BasisChoice> lowers = List.of(org.qnetstack.link.BasisChoice.randomXz(),
                org.qnetstack.link.BasisChoice.randomXyz(), org.qnetstack.link.BasisChoice.chshFirst(),
                org.qnetstack.link.BasisChoice.chshSecond(),
                org.qnetstack.link.BasisChoice.fixed(org.qnetstack.hal.MeasurementAxis.of(1.0, 2.0)));
        for (org.qnetstack.link.BasisChoice lower : lowers) {
            assertEquals(lower, ApiTypes.lower(ApiTypes.choice(lower)));
        }
        assertEquals(lowers.get(0), ApiTypes.lower(BasisChoice.randomXz()));
        assertEquals(lowers.get(1), ApiTypes.lower(BasisChoice.randomXyz()));
        assertEquals(lowers.get(2), ApiTypes.lower(BasisChoice.chshFirst()));
        assertEquals(lowers.get(3), ApiTypes.lower(BasisChoice.chshSecond()));
        assertEquals(org.qnetstack.link.BasisChoice.fixed(org.qnetstack.hal.Basis.Y),
                ApiTypes.lower(BasisChoice.fixed(Basis.Y)));
        assertEquals(org.qnetstack.link.BasisChoice.uniform(org.qnetstack.hal.MeasurementAxis.X,
                org.qnetstack.hal.MeasurementAxis.Y), ApiTypes.lower(BasisChoice.uniform(MeasurementAxis.X,
                MeasurementAxis.Y)));
        for (MeasureBasis m : MeasureBasis.values()) {
            assertEquals(org.qnetstack.link.MeasureBasis.valueOf(m.name()).choice(), ApiTypes.lower(m.choice()),
                    m.name());
        }
    }

    @Test
    void brokenValuesAreTheApplicationsMisuseNamingTheParameter() {
        ApiMisuseException e = assertThrows(ApiMisuseException.class, () -> new MeasurementAxis(4, 0));
        assertEquals("axis", e.parameter());
        assertEquals("axis", assertThrows(ApiMisuseException.class,
                () -> MeasurementAxis.fromBloch(0, 0, 0)).parameter());
        assertEquals("axis", assertThrows(ApiMisuseException.class,
                () -> MeasurementAxis.fromBloch(Double.NaN, 0, 1)).parameter());
        e = assertThrows(ApiMisuseException.class, () -> new BasisChoice(List.of(
                new BasisChoice.Option(MeasurementAxis.X, 0.5))));
        assertEquals("basis", e.parameter());
        assertEquals("basis: the probabilities must sum to 1 (they sum to 0.5)", e.getMessage());
        assertEquals("basis", assertThrows(ApiMisuseException.class,
                () -> new BasisChoice.Option(MeasurementAxis.X, 0)).parameter());
        assertEquals("basis", assertThrows(ApiMisuseException.class,
                () -> new BasisChoice.Option(null, 1)).parameter());
        assertEquals("basis", assertThrows(ApiMisuseException.class, () -> new BasisChoice(List.of())).parameter());
        assertEquals("basis", assertThrows(ApiMisuseException.class, BasisChoice::uniform).parameter());
    }
}
