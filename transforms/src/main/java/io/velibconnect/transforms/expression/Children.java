package io.velibconnect.transforms.expression;

import java.util.ArrayList;
import java.util.List;

/** The direct sub-expressions of each kind of node, in source order (see {@link Ast#childrenOf}). */
final class Children implements Ast.Visitor<List<Ast>> {

    static final Children VISITOR = new Children();

    private Children() {
    }

    @Override
    public List<Ast> literal(Ast.Literal node) {
        return List.of();
    }

    @Override
    public List<Ast> field(Ast.FieldRef node) {
        return List.of();
    }

    @Override
    public List<Ast> unary(Ast.Unary node) {
        return List.of(node.operand());
    }

    @Override
    public List<Ast> binary(Ast.Binary node) {
        return List.of(node.left(), node.right());
    }

    @Override
    public List<Ast> in(Ast.In node) {
        List<Ast> all = new ArrayList<>();
        all.add(node.operand());
        all.addAll(node.items());
        return all;
    }

    @Override
    public List<Ast> between(Ast.Between node) {
        return List.of(node.operand(), node.low(), node.high());
    }

    @Override
    public List<Ast> like(Ast.Like node) {
        return List.of(node.operand(), node.pattern());
    }

    @Override
    public List<Ast> isNull(Ast.IsNull node) {
        return List.of(node.operand());
    }

    @Override
    public List<Ast> caseWhen(Ast.Case node) {
        List<Ast> all = new ArrayList<>();
        for (Ast.When when : node.whens()) {
            all.add(when.condition());
            all.add(when.result());
        }
        if (node.otherwise() != null) {
            all.add(node.otherwise());
        }
        return all;
    }

    @Override
    public List<Ast> cast(Ast.Cast node) {
        return List.of(node.operand());
    }

    @Override
    public List<Ast> call(Ast.Call node) {
        return node.args();
    }
}
