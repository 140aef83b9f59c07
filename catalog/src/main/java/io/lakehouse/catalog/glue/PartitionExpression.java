package io.lakehouse.catalog.glue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static io.lakehouse.catalog.glue.GlueErrorType.INVALID_INPUT;
import static java.util.Objects.requireNonNull;

/**
 * The {@code Expression} of GetPartitions: a SQL WHERE condition on the partition keys, as Glue
 * accepts it and as Trino's Hive connector builds it. Supported are comparisons ({@code =},
 * {@code <>}, {@code !=}, {@code <}, {@code <=}, {@code >}, {@code >=}), {@code [NOT] BETWEEN},
 * {@code [NOT] IN}, {@code [NOT] LIKE} with {@code %} and {@code _}, {@code IS [NOT] NULL},
 * {@code AND}, {@code OR}, {@code NOT} and parentheses. Keys compare by their type (see
 * {@link PartitionValueType}); partition values are never null, as in Glue. Evaluation follows
 * SQL's three-valued logic, so a value that is not of its key's type matches no condition on it.
 */
public final class PartitionExpression
{
    // Glue's limit for the length of GetPartitions Expression
    static final int MAX_LENGTH = 2048;

    private static final Set<String> KEYWORDS = Set.of("AND", "OR", "NOT", "IN", "BETWEEN", "LIKE", "IS", "NULL");

    private final Condition condition;

    private PartitionExpression(Condition condition)
    {
        this.condition = requireNonNull(condition, "condition is null");
    }

    /**
     * Parses the expression for a table with the given partition keys (name to Hive type, in key order).
     *
     * @throws GlueException InvalidInputException naming the position and what was expected
     */
    public static PartitionExpression parse(String expression, Map<String, String> partitionKeyTypes)
    {
        requireNonNull(expression, "expression is null");
        requireNonNull(partitionKeyTypes, "partitionKeyTypes is null");
        if (expression.length() > MAX_LENGTH) {
            throw new GlueException(INVALID_INPUT, "GetPartitions Expression is %s characters long, but at most %s are allowed; split the condition over several calls"
                    .formatted(expression.length(), MAX_LENGTH));
        }
        if (expression.isBlank()) {
            return new PartitionExpression(_ -> Boolean.TRUE);
        }
        return new PartitionExpression(new Parser(expression, partitionKeyTypes).parse());
    }

    /**
     * Whether a partition with these values, one per partition key, satisfies the expression.
     */
    public boolean matches(List<String> values)
    {
        return Boolean.TRUE.equals(condition.evaluate(values));
    }

    /**
     * A condition evaluates to true, false or unknown ({@code null}).
     */
    private interface Condition
    {
        Boolean evaluate(List<String> values);
    }

    private record Or(List<Condition> conditions)
            implements Condition
    {
        @Override
        public Boolean evaluate(List<String> values)
        {
            Boolean result = Boolean.FALSE;
            for (Condition condition : conditions) {
                Boolean value = condition.evaluate(values);
                if (Boolean.TRUE.equals(value)) {
                    return Boolean.TRUE;
                }
                if (value == null) {
                    result = null;
                }
            }
            return result;
        }
    }

    private record And(List<Condition> conditions)
            implements Condition
    {
        @Override
        public Boolean evaluate(List<String> values)
        {
            Boolean result = Boolean.TRUE;
            for (Condition condition : conditions) {
                Boolean value = condition.evaluate(values);
                if (Boolean.FALSE.equals(value)) {
                    return Boolean.FALSE;
                }
                if (value == null) {
                    result = null;
                }
            }
            return result;
        }
    }

    private record Not(Condition condition)
            implements Condition
    {
        @Override
        public Boolean evaluate(List<String> values)
        {
            Boolean value = condition.evaluate(values);
            return value == null ? null : !value;
        }
    }

    private record Constant(Boolean value)
            implements Condition
    {
        @Override
        public Boolean evaluate(List<String> values)
        {
            return value;
        }
    }

    /**
     * Compares two operands read as the same type.
     */
    private record Comparison(Operand left, Operand right, ComparisonOperator operator)
            implements Condition
    {
        @Override
        public Boolean evaluate(List<String> values)
        {
            Optional<Comparable<?>> leftValue = left.value(values);
            Optional<Comparable<?>> rightValue = right.value(values);
            if (leftValue.isEmpty() || rightValue.isEmpty()) {
                return null;
            }
            return operator.test(compare(leftValue.get(), rightValue.get()));
        }
    }

    private record Between(Operand value, Operand low, Operand high)
            implements Condition
    {
        @Override
        public Boolean evaluate(List<String> values)
        {
            return new And(ImmutableList.of(
                    new Comparison(value, low, ComparisonOperator.GREATER_THAN_OR_EQUAL),
                    new Comparison(value, high, ComparisonOperator.LESS_THAN_OR_EQUAL)))
                    .evaluate(values);
        }
    }

    private record Like(Column column, Pattern pattern)
            implements Condition
    {
        @Override
        public Boolean evaluate(List<String> values)
        {
            return pattern.matcher(values.get(column.index())).matches();
        }
    }

    private enum ComparisonOperator
    {
        EQUAL, NOT_EQUAL, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL;

        boolean test(int comparison)
        {
            return switch (this) {
                case EQUAL -> comparison == 0;
                case NOT_EQUAL -> comparison != 0;
                case LESS_THAN -> comparison < 0;
                case LESS_THAN_OR_EQUAL -> comparison <= 0;
                case GREATER_THAN -> comparison > 0;
                case GREATER_THAN_OR_EQUAL -> comparison >= 0;
            };
        }

        static Optional<ComparisonOperator> of(String symbol)
        {
            return Optional.ofNullable(switch (symbol) {
                case "=" -> EQUAL;
                case "<>", "!=" -> NOT_EQUAL;
                case "<" -> LESS_THAN;
                case "<=" -> LESS_THAN_OR_EQUAL;
                case ">" -> GREATER_THAN;
                case ">=" -> GREATER_THAN_OR_EQUAL;
                default -> null;
            });
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Comparable<?> left, Comparable<?> right)
    {
        // both sides were read with the same PartitionValueType, so they are of one class
        return ((Comparable) left).compareTo(right);
    }

    private sealed interface Operand
            permits Column, Literal
    {
        Optional<Comparable<?>> value(List<String> values);
    }

    private record Column(String name, int index, PartitionValueType type)
            implements Operand
    {
        @Override
        public Optional<Comparable<?>> value(List<String> values)
        {
            return type.parseValue(values.get(index));
        }
    }

    private record Literal(Comparable<?> typedValue)
            implements Operand
    {
        @Override
        public Optional<Comparable<?>> value(List<String> values)
        {
            return Optional.of(typedValue);
        }
    }

    private enum TokenKind
    {
        WORD, QUOTED_NAME, STRING, NUMBER, SYMBOL, END
    }

    private record Token(TokenKind kind, String text, int position)
    {
        boolean isKeyword(String keyword)
        {
            return kind == TokenKind.WORD && text.equalsIgnoreCase(keyword);
        }

        boolean isSymbol(String symbol)
        {
            return kind == TokenKind.SYMBOL && text.equals(symbol);
        }

        String describe()
        {
            return kind == TokenKind.END ? "the end of the expression" : "'%s'".formatted(text);
        }
    }

    /**
     * A recursive-descent parser: {@code or := and (OR and)*}, {@code and := not (AND not)*},
     * {@code not := NOT not | predicate}, {@code predicate := ( or ) | operand comparison...}.
     */
    private static final class Parser
    {
        private final String expression;
        private final Map<String, Integer> keyIndexes;
        private final List<String> keyTypes;
        private final List<Token> tokens;
        private int next;

        Parser(String expression, Map<String, String> partitionKeyTypes)
        {
            this.expression = expression;
            ImmutableMap.Builder<String, Integer> indexes = ImmutableMap.builder();
            ImmutableList.Builder<String> types = ImmutableList.builder();
            int index = 0;
            for (Map.Entry<String, String> key : partitionKeyTypes.entrySet()) {
                indexes.put(key.getKey().toLowerCase(Locale.ROOT), index++);
                types.add(key.getValue());
            }
            this.keyIndexes = indexes.buildOrThrow();
            this.keyTypes = types.build();
            this.tokens = tokenize(expression);
        }

        Condition parse()
        {
            Condition condition = or();
            if (peek().kind() != TokenKind.END) {
                throw unexpected(peek(), "expected AND, OR or the end of the expression");
            }
            return condition;
        }

        private Condition or()
        {
            List<Condition> conditions = new ArrayList<>();
            conditions.add(and());
            while (peek().isKeyword("OR")) {
                next++;
                conditions.add(and());
            }
            return conditions.size() == 1 ? conditions.getFirst() : new Or(ImmutableList.copyOf(conditions));
        }

        private Condition and()
        {
            List<Condition> conditions = new ArrayList<>();
            conditions.add(not());
            while (peek().isKeyword("AND")) {
                next++;
                conditions.add(not());
            }
            return conditions.size() == 1 ? conditions.getFirst() : new And(ImmutableList.copyOf(conditions));
        }

        private Condition not()
        {
            if (peek().isKeyword("NOT")) {
                next++;
                return new Not(not());
            }
            return predicate();
        }

        private Condition predicate()
        {
            if (peek().isSymbol("(")) {
                next++;
                Condition condition = or();
                expectSymbol(")");
                return condition;
            }
            Token left = operand();
            Token token = peek();
            Optional<ComparisonOperator> comparison = token.kind() == TokenKind.SYMBOL ? ComparisonOperator.of(token.text()) : Optional.empty();
            if (comparison.isPresent()) {
                next++;
                Token right = operand();
                PartitionValueType type = comparisonType(left, right);
                return new Comparison(typed(left, type), typed(right, type), comparison.get());
            }
            if (acceptKeyword("IS")) {
                boolean negated = acceptKeyword("NOT");
                expectKeyword("NULL");
                column(left);
                // partition values are never null in Glue
                return new Constant(negated);
            }
            boolean negated = acceptKeyword("NOT");
            Condition condition;
            if (acceptKeyword("BETWEEN")) {
                Column column = column(left);
                Operand low = typed(literal(), column.type());
                expectKeyword("AND");
                Operand high = typed(literal(), column.type());
                condition = new Between(column, low, high);
            }
            else if (acceptKeyword("IN")) {
                Column column = column(left);
                expectSymbol("(");
                List<Condition> alternatives = new ArrayList<>();
                do {
                    alternatives.add(new Comparison(column, typed(literal(), column.type()), ComparisonOperator.EQUAL));
                }
                while (acceptSymbol(","));
                expectSymbol(")");
                condition = new Or(ImmutableList.copyOf(alternatives));
            }
            else if (acceptKeyword("LIKE")) {
                Column column = column(left);
                Token pattern = peek();
                if (pattern.kind() != TokenKind.STRING) {
                    throw unexpected(pattern, "expected a quoted pattern after LIKE");
                }
                next++;
                condition = new Like(column, likePattern(pattern.text()));
            }
            else {
                throw unexpected(peek(), negated ? "expected BETWEEN, IN or LIKE after NOT" : "expected a comparison (=, <>, !=, <, <=, >, >=), BETWEEN, IN, LIKE or IS NULL");
            }
            return negated ? new Not(condition) : condition;
        }

        private PartitionValueType comparisonType(Token left, Token right)
        {
            if (isName(left) && isName(right)) {
                Column leftColumn = column(left);
                Column rightColumn = column(right);
                if (leftColumn.type() != rightColumn.type()) {
                    throw invalid(left, "cannot compare partition key %s of type %s with partition key %s of type %s".formatted(
                            leftColumn.name(), leftColumn.type(), rightColumn.name(), rightColumn.type()));
                }
                return leftColumn.type();
            }
            if (isName(left)) {
                return column(left).type();
            }
            if (isName(right)) {
                return column(right).type();
            }
            throw invalid(left, "a comparison must name a partition key on one side");
        }

        /**
         * The operand as a value of the given type: a partition key, or a literal read as that type.
         */
        private Operand typed(Token operand, PartitionValueType type)
        {
            if (isName(operand)) {
                return column(operand);
            }
            try {
                return new Literal(type.parseLiteral(operand.text()));
            }
            catch (IllegalArgumentException e) {
                throw invalid(operand, "%s, the type of the partition key it is compared with".formatted(e.getMessage()));
            }
        }

        private Column column(Token operand)
        {
            if (!isName(operand)) {
                throw unexpected(operand, "expected a partition key name");
            }
            String name = operand.text().toLowerCase(Locale.ROOT);
            Integer index = keyIndexes.get(name);
            if (index == null) {
                throw invalid(operand, "%s is not a partition key of the table; its partition keys are %s".formatted(operand.text(), keyIndexes.keySet()));
            }
            String hiveType = keyTypes.get(index);
            PartitionValueType type = PartitionValueType.forHiveType(hiveType)
                    .orElseThrow(() -> invalid(operand, "partition key %s has type %s, which expressions cannot compare; Glue compares string, char, varchar, integer, decimal, date and timestamp keys"
                            .formatted(name, hiveType)));
            return new Column(name, index, type);
        }

        private static boolean isName(Token token)
        {
            return token.kind() == TokenKind.WORD || token.kind() == TokenKind.QUOTED_NAME;
        }

        private Token operand()
        {
            Token token = peek();
            if (token.kind() == TokenKind.WORD && KEYWORDS.contains(token.text().toUpperCase(Locale.ROOT))) {
                throw unexpected(token, "expected a partition key or a literal");
            }
            if (!isName(token) && token.kind() != TokenKind.STRING && token.kind() != TokenKind.NUMBER) {
                throw unexpected(token, "expected a partition key or a literal");
            }
            next++;
            return token;
        }

        private Token literal()
        {
            Token token = peek();
            if (token.kind() != TokenKind.STRING && token.kind() != TokenKind.NUMBER) {
                throw unexpected(token, "expected a quoted string or a number");
            }
            next++;
            return token;
        }

        private Token peek()
        {
            return tokens.get(next);
        }

        private boolean acceptKeyword(String keyword)
        {
            if (peek().isKeyword(keyword)) {
                next++;
                return true;
            }
            return false;
        }

        private void expectKeyword(String keyword)
        {
            if (!acceptKeyword(keyword)) {
                throw unexpected(peek(), "expected %s".formatted(keyword));
            }
        }

        private boolean acceptSymbol(String symbol)
        {
            if (peek().isSymbol(symbol)) {
                next++;
                return true;
            }
            return false;
        }

        private void expectSymbol(String symbol)
        {
            if (!acceptSymbol(symbol)) {
                throw unexpected(peek(), "expected '%s'".formatted(symbol));
            }
        }

        private GlueException unexpected(Token token, String expected)
        {
            return syntaxError(expression, token.position(), "%s, but found %s".formatted(expected, token.describe()));
        }

        private GlueException invalid(Token token, String problem)
        {
            return syntaxError(expression, token.position(), problem);
        }
    }

    private static GlueException syntaxError(String expression, int position, String problem)
    {
        return new GlueException(INVALID_INPUT, "GetPartitions Expression is not valid at position %s: %s. Expression: %s".formatted(position + 1, problem, expression));
    }

    private static Pattern likePattern(String pattern)
    {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '%' || c == '_') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '%' ? ".*" : ".");
            }
            else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static List<Token> tokenize(String expression)
    {
        ImmutableList.Builder<Token> tokens = ImmutableList.builder();
        int position = 0;
        int length = expression.length();
        while (position < length) {
            char c = expression.charAt(position);
            if (Character.isWhitespace(c)) {
                position++;
            }
            else if (c == '\'') {
                StringBuilder value = new StringBuilder();
                int start = position++;
                while (true) {
                    if (position >= length) {
                        throw syntaxError(expression, start, "the string starting here is not closed with '");
                    }
                    char d = expression.charAt(position++);
                    if (d == '\'') {
                        // SQL escapes a quote inside a string by doubling it
                        if (position < length && expression.charAt(position) == '\'') {
                            value.append('\'');
                            position++;
                            continue;
                        }
                        break;
                    }
                    value.append(d);
                }
                tokens.add(new Token(TokenKind.STRING, value.toString(), start));
            }
            else if (c == '"' || c == '`') {
                int start = position;
                int end = expression.indexOf(c, position + 1);
                if (end < 0) {
                    throw syntaxError(expression, start, "the quoted name starting here is not closed with %s".formatted(c));
                }
                tokens.add(new Token(TokenKind.QUOTED_NAME, expression.substring(start + 1, end), start));
                position = end + 1;
            }
            else if (Character.isDigit(c) || ((c == '-' || c == '+' || c == '.') && position + 1 < length && (Character.isDigit(expression.charAt(position + 1)) || expression.charAt(position + 1) == '.'))) {
                int start = position++;
                while (position < length && (Character.isLetterOrDigit(expression.charAt(position)) || expression.charAt(position) == '.'
                        || ((expression.charAt(position) == '-' || expression.charAt(position) == '+') && Character.toLowerCase(expression.charAt(position - 1)) == 'e'))) {
                    position++;
                }
                tokens.add(new Token(TokenKind.NUMBER, expression.substring(start, position), start));
            }
            else if (Character.isLetter(c) || c == '_') {
                int start = position;
                while (position < length && (Character.isLetterOrDigit(expression.charAt(position)) || expression.charAt(position) == '_')) {
                    position++;
                }
                tokens.add(new Token(TokenKind.WORD, expression.substring(start, position), start));
            }
            else if (c == '<' || c == '>' || c == '!') {
                int start = position++;
                if (position < length && (expression.charAt(position) == '=' || (c == '<' && expression.charAt(position) == '>'))) {
                    position++;
                }
                String symbol = expression.substring(start, position);
                if (symbol.equals("!")) {
                    throw syntaxError(expression, start, "'!' must be followed by '=' (use <> or != for not equal)");
                }
                tokens.add(new Token(TokenKind.SYMBOL, symbol, start));
            }
            else if (c == '=' || c == '(' || c == ')' || c == ',') {
                tokens.add(new Token(TokenKind.SYMBOL, String.valueOf(c), position++));
            }
            else {
                throw syntaxError(expression, position, "unexpected character '%s'".formatted(c));
            }
        }
        tokens.add(new Token(TokenKind.END, "", length));
        return tokens.build();
    }
}
