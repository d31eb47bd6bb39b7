//! Recursive descent from tokens to the formula's tree, with the depth limit.

use super::lex::{Kind, Token};
use super::{Expr, FormulaError, Func, MAX_DEPTH};

/// Recursive descent: sum → product → unary → power → atom.
pub(super) struct Parser<'a> {
    pub(super) tokens: &'a [Token],
    pub(super) at: usize,
    pub(super) depth: usize,
    /// The column one past the end, for "ends too soon".
    pub(super) end: usize,
    /// The variables' names: `["w"]`, or `["w1", "w2"]` on a map.
    pub(super) vars: &'static [&'static str],
}

impl Parser<'_> {
    pub(super) fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn next_kind_is(&self, kind: &Kind) -> bool {
        self.peek().is_some_and(|t| &t.kind == kind)
    }

    fn column(&self) -> usize {
        self.peek().map_or(self.end, |t| t.column)
    }

    pub(super) fn sum(&mut self) -> Result<Expr, FormulaError> {
        let mut left = self.product()?;
        loop {
            if self.next_kind_is(&Kind::Plus) {
                self.at += 1;
                left = Expr::Add(Box::new(left), Box::new(self.product()?));
            } else if self.next_kind_is(&Kind::Minus) {
                self.at += 1;
                left = Expr::Sub(Box::new(left), Box::new(self.product()?));
            } else {
                return Ok(left);
            }
        }
    }

    fn product(&mut self) -> Result<Expr, FormulaError> {
        let mut left = self.unary()?;
        loop {
            if self.next_kind_is(&Kind::Times) {
                self.at += 1;
                left = Expr::Mul(Box::new(left), Box::new(self.unary()?));
            } else if self.next_kind_is(&Kind::Divide) {
                self.at += 1;
                left = Expr::Div(Box::new(left), Box::new(self.unary()?));
            } else if self.implicit_product() {
                // 0.3w, 2(w − 1), (w + 1)(w − 1), 2 sin(w): no sign in between.
                left = Expr::Mul(Box::new(left), Box::new(self.power()?));
            } else {
                return Ok(left);
            }
        }
    }

    /// Whether the next token starts a factor multiplied without `*`: a name,
    /// or `(` right after a number, a name or `)`.
    fn implicit_product(&self) -> bool {
        let (Some(prev), Some(next)) = (self.at.checked_sub(1).and_then(|i| self.tokens.get(i)), self.peek()) else {
            return false;
        };
        let after_factor = matches!(prev.kind, Kind::Num(_) | Kind::Close | Kind::Name(_));
        let starts_factor = matches!(next.kind, Kind::Name(_) | Kind::Open);
        after_factor && starts_factor
    }

    fn unary(&mut self) -> Result<Expr, FormulaError> {
        let column = self.column();
        if self.next_kind_is(&Kind::Minus) {
            self.at += 1;
            Ok(Expr::Neg(Box::new(self.deeper(column, Parser::unary)?)))
        } else if self.next_kind_is(&Kind::Plus) {
            self.at += 1;
            self.deeper(column, Parser::unary)
        } else {
            self.power()
        }
    }

    fn power(&mut self) -> Result<Expr, FormulaError> {
        let base = self.atom()?;
        if self.next_kind_is(&Kind::Power) {
            let column = self.column();
            self.at += 1;
            // Right-associative, and the exponent may carry a sign: 2^-1.
            let exponent = self.deeper(column, Parser::unary)?;
            return Ok(Expr::Pow(Box::new(base), Box::new(exponent)));
        }
        Ok(base)
    }

    fn atom(&mut self) -> Result<Expr, FormulaError> {
        let Some(tok) = self.peek().cloned() else {
            return Err(FormulaError::Expected { found: None, column: self.end });
        };
        self.at += 1;
        match tok.kind {
            // Checked when lexed.
            Kind::Num(text) => Ok(Expr::Num(crate::decimal::parse(&text).unwrap_or(f64::NAN))),
            Kind::Open => {
                let inner = self.deeper(tok.column, Parser::sum)?;
                self.close(tok.column)?;
                Ok(inner)
            }
            Kind::Name(name) => self.name(&name, tok.column),
            _ => Err(FormulaError::Expected { found: Some(tok.shown.clone()), column: tok.column }),
        }
    }

    fn name(&mut self, name: &str, column: usize) -> Result<Expr, FormulaError> {
        let calling = self.next_kind_is(&Kind::Open);
        match (name, Func::named(name)) {
            (_, Some((f, canonical))) => {
                if !calling {
                    return Err(FormulaError::NeedsBracket { name: canonical, column });
                }
                let open = self.column();
                self.at += 1;
                let mut args = vec![self.deeper(open, Parser::sum)?];
                while self.next_kind_is(&Kind::Comma) {
                    self.at += 1;
                    args.push(self.deeper(open, Parser::sum)?);
                }
                self.close(open)?;
                let ok = match f {
                    Func::Min | Func::Max => args.len() >= 2,
                    _ => args.len() == 1,
                };
                if !ok {
                    let wanted = if matches!(f, Func::Min | Func::Max) { 2 } else { 1 };
                    return Err(FormulaError::Arity { name: canonical, wanted, got: args.len(), column });
                }
                Ok(Expr::Call(f, args))
            }
            _ if calling && !(self.vars.contains(&name) || matches!(name, "pi" | "π" | "e")) => Err(FormulaError::UnknownFunction { name: name.to_owned(), column }),
            _ if self.vars.contains(&name) => Ok(Expr::Var(self.vars.iter().position(|v| *v == name).unwrap_or(0))),
            ("pi" | "π", _) => Ok(Expr::Num(std::f64::consts::PI)),
            ("e", _) => Ok(Expr::Num(std::f64::consts::E)),
            _ => Err(FormulaError::UnknownVariable { name: name.to_owned(), vars: if self.vars.len() == 2 { "w1, w2" } else { "w" }, column }),
        }
    }

    fn close(&mut self, open_column: usize) -> Result<(), FormulaError> {
        match self.peek() {
            Some(t) if t.kind == Kind::Close => {
                self.at += 1;
                Ok(())
            }
            None => Err(FormulaError::Unclosed { column: open_column }),
            Some(t) => Err(FormulaError::Unexpected { found: t.shown.clone(), column: t.column }),
        }
    }

    /// Runs `f` one level deeper (a level opened at `column`), refusing past [`MAX_DEPTH`].
    fn deeper(&mut self, column: usize, f: impl FnOnce(&mut Self) -> Result<Expr, FormulaError>) -> Result<Expr, FormulaError> {
        if self.depth >= MAX_DEPTH {
            return Err(FormulaError::TooDeep { column });
        }
        self.depth += 1;
        let out = f(self);
        self.depth -= 1;
        out
    }
}
