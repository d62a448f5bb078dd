package io.velibconnect.transforms.expression;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.velibconnect.transforms.expression.Ast.BinaryOp;
import io.velibconnect.transforms.expression.Ast.UnaryOp;
import io.velibconnect.transforms.expression.Token.Kind;

/**
 * Recursive-descent parser, one method per precedence level, loosest first:
 * OR, AND, NOT, predicates (comparison, IS [NOT] NULL, [NOT] IN, [NOT] BETWEEN, [NOT] LIKE — non-associative),
 * {@code + -}, {@code * / %}, unary minus, primary. Keywords are case-insensitive and reserved (back-quote a field
 * named like one). Both the parser's recursion and the height of the tree it builds are capped at
 * {@link ExpressionLimits#MAX_DEPTH}, so no input can overflow the stack here or in the passes that walk the tree;
 * the text's length, the tree's size and IN lists are capped too (see {@link ExpressionLimits}).
 */
final class Parser {

    static final Set<String> KEYWORDS = Set.of("AND", "OR", "NOT", "IN", "BETWEEN", "LIKE", "IS", "NULL", "TRUE",
            "FALSE", "CASE", "WHEN", "THEN", "ELSE", "END", "CAST", "AS");

    private final String source;
    private final List<Token> tokens;
    private final Map<Ast, Integer> offsets = new IdentityHashMap<>();
    private final Map<Ast, Integer> heights = new IdentityHashMap<>();
    private int next;
    private int depth;

    private Parser(String source) {
        this.source = source;
        if (source.length() > ExpressionLimits.MAX_CHARACTERS) {
            throw new ParseException("expression too long: " + source.length() + " characters, over the limit of "
                    + ExpressionLimits.MAX_CHARACTERS, source, ExpressionLimits.MAX_CHARACTERS);
        }
        this.tokens = Lexer.tokenize(source);
    }

    static Expression parseExpression(String source) {
        Parser parser = new Parser(source);
        Ast root = parser.expression();
        parser.expectEnd();
        return new Expression(source, root, parser.offsets);
    }

    static SelectList parseSelectList(String source) {
        Parser parser = new Parser(source);
        List<SelectList.Item> items = new ArrayList<>();
        do {
            Token start = parser.peek();
            if (start.kind() == Kind.STAR) {
                parser.next++;
                items.add(new SelectList.AllFields(start.offset()));
            } else {
                Ast ast = parser.expression();
                String alias = null;
                if (parser.peek().isKeyword("AS")) {
                    parser.next++;
                    alias = parser.name("a column name after AS");
                }
                Expression expression = new Expression(source, ast, parser.offsets);
                items.add(new SelectList.Column(expression, alias, start.offset()));
            }
        } while (parser.accept(Kind.COMMA));
        parser.expectEnd();
        return new SelectList(source, items);
    }

    private Ast expression() {
        enter();
        Ast result = or();
        depth--;
        return result;
    }

    private Ast or() {
        Ast left = and();
        while (peek().isKeyword("OR")) {
            Token op = take();
            left = node(new Ast.Binary(BinaryOp.OR, left, and()), op);
        }
        return left;
    }

    private Ast and() {
        Ast left = not();
        while (peek().isKeyword("AND")) {
            Token op = take();
            left = node(new Ast.Binary(BinaryOp.AND, left, not()), op);
        }
        return left;
    }

    private Ast not() {
        if (peek().isKeyword("NOT")) {
            Token op = take();
            enter();
            Ast operand = not();
            depth--;
            return node(new Ast.Unary(UnaryOp.NOT, operand), op);
        }
        return predicate();
    }

    private Ast predicate() {
        Ast left = additive();
        Token t = peek();
        BinaryOp comparison = comparison(t.kind());
        if (comparison != null) {
            take();
            return node(new Ast.Binary(comparison, left, additive()), t);
        }
        if (t.isKeyword("IS")) {
            take();
            boolean negated = acceptKeyword("NOT");
            expectKeyword("NULL");
            return node(new Ast.IsNull(left, negated), t);
        }
        boolean negated = false;
        if (t.isKeyword("NOT")) {
            take();
            negated = true;
        }
        Token op = peek();
        if (op.isKeyword("IN")) {
            take();
            expect(Kind.LPAREN, "'('");
            List<Ast> items = new ArrayList<>();
            do {
                if (items.size() == ExpressionLimits.MAX_IN_ITEMS) {
                    throw error("IN list too long: over the limit of " + ExpressionLimits.MAX_IN_ITEMS + " items",
                            peek());
                }
                items.add(expression());
            } while (accept(Kind.COMMA));
            expect(Kind.RPAREN, "')'");
            return node(new Ast.In(left, items, negated), op);
        }
        if (op.isKeyword("BETWEEN")) {
            take();
            Ast low = additive();
            expectKeyword("AND");
            return node(new Ast.Between(left, low, additive(), negated), op);
        }
        if (op.isKeyword("LIKE")) {
            take();
            return node(new Ast.Like(left, additive(), negated), op);
        }
        if (negated) {
            throw error("expected IN, BETWEEN or LIKE after NOT", op);
        }
        return left;
    }

    private Ast additive() {
        Ast left = multiplicative();
        while (peek().kind() == Kind.PLUS || peek().kind() == Kind.MINUS) {
            Token op = take();
            BinaryOp binary = op.kind() == Kind.PLUS ? BinaryOp.ADD : BinaryOp.SUBTRACT;
            left = node(new Ast.Binary(binary, left, multiplicative()), op);
        }
        return left;
    }

    private Ast multiplicative() {
        Ast left = unary();
        while (true) {
            Token op = peek();
            BinaryOp binary = switch (op.kind()) {
                case STAR -> BinaryOp.MULTIPLY;
                case SLASH -> BinaryOp.DIVIDE;
                case PERCENT -> BinaryOp.MODULO;
                default -> null;
            };
            if (binary == null) {
                return left;
            }
            take();
            left = node(new Ast.Binary(binary, left, unary()), op);
        }
    }

    private Ast unary() {
        Token t = peek();
        if (t.kind() == Kind.MINUS || t.kind() == Kind.PLUS) {
            take();
            enter();
            Ast operand = unary();
            depth--;
            return t.kind() == Kind.PLUS ? operand : node(new Ast.Unary(UnaryOp.NEGATE, operand), t);
        }
        return primary();
    }

    private Ast primary() {
        Token t = peek();
        switch (t.kind()) {
            case STRING, INTEGER, DECIMAL -> {
                take();
                return node(new Ast.Literal(t.value()), t);
            }
            case LPAREN -> {
                take();
                Ast inner = expression();
                expect(Kind.RPAREN, "')'");
                return inner;
            }
            case QUOTED_IDENTIFIER -> {
                return fieldRef();
            }
            case IDENTIFIER -> {
                return identifierStart(t);
            }
            default -> throw error("expected an expression", t);
        }
    }

    private Ast identifierStart(Token t) {
        String word = t.text().toUpperCase(Locale.ROOT);
        switch (word) {
            case "NULL" -> {
                take();
                return node(new Ast.Literal(null), t);
            }
            case "TRUE", "FALSE" -> {
                take();
                return node(new Ast.Literal("TRUE".equals(word)), t);
            }
            case "CASE" -> {
                return caseExpression();
            }
            case "CAST" -> {
                return cast();
            }
            default -> {
                if (KEYWORDS.contains(word)) {
                    throw error("expected an expression", t);
                }
                if (tokens.get(next + 1).kind() == Kind.LPAREN) {
                    return call();
                }
                return fieldRef();
            }
        }
    }

    private Ast caseExpression() {
        Token start = take();
        List<Ast.When> whens = new ArrayList<>();
        while (acceptKeyword("WHEN")) {
            Ast condition = expression();
            expectKeyword("THEN");
            Ast result = expression();
            whens.add(new Ast.When(condition, result));
        }
        if (whens.isEmpty()) {
            throw error("expected WHEN", peek());
        }
        Ast otherwise = null;
        if (acceptKeyword("ELSE")) {
            otherwise = expression();
        }
        expectKeyword("END");
        return node(new Ast.Case(whens, otherwise), start);
    }

    private Ast cast() {
        Token start = take();
        expect(Kind.LPAREN, "'('");
        Ast operand = expression();
        expectKeyword("AS");
        Token typeName = peek();
        Type target = typeName.kind() == Kind.IDENTIFIER ? CastRules.target(typeName.text()) : null;
        if (target == null) {
            throw error("expected a type (BOOLEAN, INT, BIGINT, DOUBLE, STRING, VARCHAR, TIMESTAMP)", typeName);
        }
        take();
        expect(Kind.RPAREN, "')'");
        return node(new Ast.Cast(operand, target), start);
    }

    private Ast call() {
        Token nameToken = take();
        String name = nameToken.text().toUpperCase(Locale.ROOT);
        if (!Functions.exists(name)) {
            throw error("unknown function " + name + " (known: " + Functions.names() + ")", nameToken);
        }
        expect(Kind.LPAREN, "'('");
        List<Ast> args = new ArrayList<>();
        if (!accept(Kind.RPAREN)) {
            do {
                args.add(expression());
            } while (accept(Kind.COMMA));
            expect(Kind.RPAREN, "')'");
        }
        return node(new Ast.Call(name, args), nameToken);
    }

    private Ast fieldRef() {
        Token start = peek();
        List<String> path = new ArrayList<>();
        path.add(name("a field name"));
        while (accept(Kind.DOT)) {
            path.add(name("a field name after '.'"));
        }
        return node(new Ast.FieldRef(path), start);
    }

    private String name(String what) {
        Token t = peek();
        if (t.kind() == Kind.QUOTED_IDENTIFIER
                || (t.kind() == Kind.IDENTIFIER && !KEYWORDS.contains(t.text().toUpperCase(Locale.ROOT)))) {
            take();
            return (String) t.value();
        }
        throw error("expected " + what, t);
    }

    private static BinaryOp comparison(Kind kind) {
        return switch (kind) {
            case EQ -> BinaryOp.EQ;
            case NE -> BinaryOp.NE;
            case LT -> BinaryOp.LT;
            case LE -> BinaryOp.LE;
            case GT -> BinaryOp.GT;
            case GE -> BinaryOp.GE;
            default -> null;
        };
    }

    private Ast node(Ast ast, Token at) {
        return node(ast, at, Ast.childrenOf(ast));
    }

    private Ast node(Ast ast, Token at, List<Ast> children) {
        int height = 1;
        for (Ast child : children) {
            height = Math.max(height, heights.getOrDefault(child, 1) + 1);
        }
        if (height > ExpressionLimits.MAX_DEPTH) {
            throw error("expression nested too deeply (limit " + ExpressionLimits.MAX_DEPTH + " levels)", at);
        }
        if (offsets.size() == ExpressionLimits.MAX_NODES) {
            throw error("expression too large: over the limit of " + ExpressionLimits.MAX_NODES
                    + " operators, operands and calls", at);
        }
        heights.put(ast, height);
        offsets.put(ast, at.offset());
        return ast;
    }

    private void enter() {
        if (++depth > ExpressionLimits.MAX_DEPTH) {
            throw error("expression nested too deeply (limit " + ExpressionLimits.MAX_DEPTH + " levels)", peek());
        }
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        return tokens.get(next++);
    }

    private boolean accept(Kind kind) {
        if (peek().kind() == kind) {
            next++;
            return true;
        }
        return false;
    }

    private boolean acceptKeyword(String word) {
        if (peek().isKeyword(word)) {
            next++;
            return true;
        }
        return false;
    }

    private void expect(Kind kind, String what) {
        if (!accept(kind)) {
            throw error("expected " + what, peek());
        }
    }

    private void expectKeyword(String word) {
        if (!acceptKeyword(word)) {
            throw error("expected " + word, peek());
        }
    }

    private void expectEnd() {
        Token t = peek();
        if (t.kind() != Kind.END) {
            throw error("unexpected " + t.describe() + " after a complete expression", t);
        }
    }

    private ParseException error(String problem, Token at) {
        return new ParseException(problem, source, at.offset());
    }
}
