package io.ladder.jobs.ingest;

import io.ladder.model.TowerContract;
import io.ladder.schemas.CategoryHeads;
import io.ladder.schemas.Item;
import io.ladder.schemas.ModelInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The user model's acceptance rules ({@link TowerContract}) applied to the items topic's records,
 * where both the contract and the model are visible: a version or a vector the model would refuse
 * is dead-lettered at decode, never thrown inside the operator that applies it.
 */
final class CatalogContract {
    private CatalogContract() {}

    static List<String> problems(ModelInfo info) {
        List<String> out = new ArrayList<>();
        double[] cutpoints = new double[info.getCutpoints().size()];
        for (int j = 0; j < cutpoints.length; j++) {
            Float a = info.getCutpoints().get(j);
            cutpoints[j] = a == null ? Double.NaN : a;
        }
        out.addAll(TowerContract.linkProblems(info.getLevels(), info.getGamma(), cutpoints));
        out.addAll(TowerContract.shapeProblems(info.getLevels(), info.getHeadDim()));
        if (!out.isEmpty()) {
            return out; // the heads cannot be checked against a shape the model refuses
        }
        for (CategoryHeads heads : info.getCategoryHeads()) {
            String problem =
                    TowerContract.headsProblem(
                            toArray(heads.getEmbedding()), info.getLevels(), info.getHeadDim());
            if (problem != null) {
                out.add("category_heads[" + heads.getCategoryId() + "]: " + problem);
                return out; // one is enough to refuse the version; thousands would flood the reason
            }
        }
        if (!info.getDefaultEmbedding().isEmpty()) {
            String problem =
                    TowerContract.headsProblem(
                            toArray(info.getDefaultEmbedding()),
                            info.getLevels(),
                            info.getHeadDim());
            if (problem != null) {
                out.add("default_embedding: " + problem);
            }
        }
        return out;
    }

    static List<String> problems(Item item) {
        if (item.getDeleted() || item.getEmbedding() == null || item.getEmbedding().isEmpty()) {
            return List.of(); // tombstones carry no vector; an empty one is the validator's
        }
        String problem = TowerContract.itemVectorProblem(toArray(item.getEmbedding()));
        return problem == null ? List.of() : List.of("embedding: " + problem);
    }

    private static float[] toArray(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            Float x = values.get(i);
            out[i] = x == null ? Float.NaN : x;
        }
        return out;
    }
}
