//! Values from outside — sliders, number fields, URLs, clicks, files — are
//! checked here before they reach any model. A rejected value becomes an
//! [`InputError`] the page shows in words, in English or Chinese.

use crate::descent::{LR_MAX, W0_LIMIT};
use crate::i18n::{Lang, Phrase};
use serde::Serialize;
use std::fmt;

/// Which outside input a rejected value was meant for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Input {
    /// The learning rate η.
    LearningRate,
    /// The start point w0.
    Start,
    /// The backprop chain's input x.
    X,
    /// The weight w1.
    W1,
    /// The weight w2.
    W2,
    /// The training target.
    Target,
    /// The finite-difference step ε.
    Epsilon,
    /// A prediction in the MSE widget.
    Prediction,
    /// The probability of the right word in the cross-entropy widget.
    Probability,
    /// microgpt's number of training steps.
    Steps,
    /// microgpt's random seed.
    Seed,
    /// microgpt's sampling temperature.
    Temperature,
    /// How many balls the descent widget shows.
    Balls,
    /// SGD's momentum μ.
    Momentum,
    /// SGD's dampening τ.
    Dampening,
    /// RMSprop's α.
    Alpha,
    /// Adam's β₁.
    Beta1,
    /// Adam's β₂.
    Beta2,
    /// The ε added to a denominator.
    Eps,
    /// The weight decay λ.
    WeightDecay,
}

impl Input {
    fn name(self) -> Phrase {
        let (en, zh) = match self {
            Input::LearningRate => ("learning rate η", "学习率 η"),
            Input::Start => ("start point w0", "起点 w0"),
            Input::X => ("input x", "输入 x"),
            Input::W1 => ("weight w1", "权重 w1"),
            Input::W2 => ("weight w2", "权重 w2"),
            Input::Target => ("target", "目标值"),
            Input::Epsilon => ("finite-difference step ε", "有限差分步长 ε"),
            Input::Prediction => ("prediction", "预测值"),
            Input::Probability => ("probability", "概率"),
            Input::Steps => ("number of steps", "训练步数"),
            Input::Seed => ("seed", "随机种子"),
            Input::Temperature => ("temperature", "温度"),
            Input::Balls => ("number of balls", "小球数量"),
            Input::Momentum => ("momentum μ", "动量 μ"),
            Input::Dampening => ("dampening τ", "阻尼 τ"),
            Input::Alpha => ("smoothing α", "平滑系数 α"),
            Input::Beta1 => ("β₁", "β₁"),
            Input::Beta2 => ("β₂", "β₂"),
            Input::Eps => ("ε", "ε"),
            Input::WeightDecay => ("weight decay λ", "权重衰减 λ"),
        };
        Phrase { en, zh }
    }
}

/// Why a value from outside (slider, number field, URL, click) was rejected.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum InputError {
    /// The value was NaN (an empty or garbled field).
    NotANumber {
        /// The input concerned.
        input: Input,
    },
    /// The value was +∞ or −∞.
    Infinite {
        /// The input concerned.
        input: Input,
    },
    /// The learning rate was zero or negative: the ball would not move, or climb.
    NotPositive {
        /// The input concerned.
        input: Input,
        /// The rejected value.
        value: f64,
    },
    /// The value was outside the accepted interval.
    OutOfRange {
        /// The input concerned.
        input: Input,
        /// The rejected value.
        value: f64,
        /// Smallest accepted value.
        min: f64,
        /// Largest accepted value.
        max: f64,
    },
    /// A start point where the landscape's loss (or its slope or curvature)
    /// is too large for a number.
    OffTheCurve {
        /// The rejected start point.
        value: f64,
    },
    /// A learning rate whose update at the current point would overflow
    /// (η·L′ or η·L″ not a number).
    TooSteep {
        /// The rejected learning rate.
        value: f64,
    },
    /// A typed surface L(w1, w2) defined (and finite) nowhere on its map.
    NowhereOnTheMap,
    /// A start point where a typed L is not defined (`ln w` at w ≤ 0), or a
    /// typed L defined nowhere a ball could start.
    Undefined {
        /// The rejected start point.
        value: f64,
    },
    /// A name that is not one of the choices (a view other than `line` or
    /// `map`); the page names the choices.
    NoSuchSetting,
    /// A start on the map where L is not defined (`defined` false) or L or
    /// ∇L is not a finite number.
    OffTheMap {
        /// The start's w1.
        w1: f64,
        /// The start's w2.
        w2: f64,
        /// Whether L is defined there (then it or its slope overflows).
        defined: bool,
    },
    /// A setting this optimizer does not take (`sgd.beta1`).
    NotTaken {
        /// The optimizer.
        optimizer: crate::optim::Kind,
    },
    /// A value that must be at least 0 and below 1 (a decay rate) was not.
    BelowOne {
        /// The input concerned.
        input: Input,
        /// The rejected value.
        value: f64,
    },
    /// "Add a ball" with every ball already on the landscape.
    TooManyBalls {
        /// How many balls there can be.
        limit: usize,
    },
    /// A ball that is not on the landscape (or ball A, which cannot be removed).
    NoSuchBall {
        /// Its index (0 is A).
        index: usize,
    },
    /// The value's magnitude was above the accepted limit.
    TooLarge {
        /// The input concerned.
        input: Input,
        /// The rejected value.
        value: f64,
        /// The largest accepted magnitude.
        limit: f64,
    },
}

impl InputError {
    /// The reason in words, in `lang`, for the page to show.
    pub fn message(&self, lang: Lang) -> String {
        use crate::format::short;
        let zh = lang == Lang::Zh;
        match *self {
            InputError::NotANumber { input } => {
                let name = input.name().get(lang);
                if zh {
                    format!("{name} 必须是一个数字。")
                } else {
                    format!("The {name} must be a number.")
                }
            }
            InputError::Infinite { input } => {
                let name = input.name().get(lang);
                if zh {
                    format!("{name} 必须是有限的数，不能是无穷大。")
                } else {
                    format!("The {name} must be a finite number, not infinity.")
                }
            }
            InputError::NotPositive { input, value } => {
                let (name, v) = (input.name().get(lang), short(value));
                if zh {
                    format!("{name} 必须大于 0（收到 {v}）。")
                } else {
                    format!("The {name} must be greater than 0 (got {v}).")
                }
            }
            InputError::OutOfRange {
                input,
                value,
                min,
                max,
            } => {
                let (name, v, lo, hi) = (input.name().get(lang), short(value), short(min), short(max));
                if zh {
                    format!("{name} 必须在 {lo} 到 {hi} 之间（收到 {v}）。")
                } else {
                    format!("The {name} must be between {lo} and {hi} (got {v}).")
                }
            }
            InputError::OffTheCurve { value } => {
                let v = short(value);
                if zh {
                    format!("在 w₀ = {v} 处，这个地形太陡，损失或曲率大到无法计算：请把起点放近一些。")
                } else {
                    format!("At w₀ = {v} this landscape is too steep: its loss or curvature is too large to compute. Start closer.")
                }
            }
            InputError::TooSteep { value } => {
                let v = short(value);
                if zh {
                    format!("学习率 η = {v} 在这里太大：下一步的更新量大到无法计算。")
                } else {
                    format!("η = {v} is too large here: the next update would be too large to compute.")
                }
            }
            InputError::NowhereOnTheMap => {
                if zh {
                    "L(w1, w2) 在地图范围内（w1、w2 各从 −3 到 3）处处没有定义或不是有限数：请换一个公式。".to_owned()
                } else {
                    "L(w1, w2) is not defined (or not finite) anywhere on the map, −3 to 3 in w1 and in w2: try another formula.".to_owned()
                }
            }
            InputError::Undefined { value } => {
                let v = short(value);
                if zh {
                    format!("L 在 w₀ = {v} 处没有定义（例如 ln w 要求 w > 0）：请把起点放在它有定义的地方。")
                } else {
                    format!("L is not defined at w₀ = {v} (ln w, for one, needs w > 0): start where it is.")
                }
            }
            InputError::BelowOne { input, value } => {
                let (name, v) = (input.name().get(lang), short(value));
                if zh {
                    format!("{name} 必须不小于 0 且小于 1（收到 {v}）。")
                } else {
                    format!("The {name} must be at least 0 and below 1 (got {v}).")
                }
            }
            InputError::OffTheMap { w1, w2, defined } => {
                let (a, b) = (short(w1), short(w2));
                match (defined, zh) {
                    (false, true) => format!("L 在 (w1, w2) = ({a}, {b}) 处没有定义：请把起点放在它有定义的地方。"),
                    (false, false) => format!("L is not defined at (w1, w2) = ({a}, {b}): start where it is."),
                    (true, true) => format!("在 (w1, w2) = ({a}, {b}) 处 L 或它的梯度不是有限数：请换一个起点。"),
                    (true, false) => format!("At (w1, w2) = ({a}, {b}) L or its gradient is not a finite number: start elsewhere."),
                }
            }
            InputError::NotTaken { optimizer: kind } => {
                let takes = kind.takes().join(", ");
                if zh {
                    format!("{} 没有这个设置：它的设置是 {takes}。", kind.label())
                } else {
                    format!("{} takes no such setting: its settings are {takes}.", kind.label())
                }
            }
            InputError::NoSuchSetting => {
                if zh {
                    "没有这个设置。".to_owned()
                } else {
                    "There is no such setting.".to_owned()
                }
            }
            InputError::TooManyBalls { limit } => {
                if zh {
                    format!("最多只能放 {limit} 个球。")
                } else {
                    format!("There can be at most {limit} balls.")
                }
            }
            InputError::NoSuchBall { index } => {
                let name = crate::widgets::descent::BALL_LETTERS.get(index).copied().unwrap_or("?");
                if zh {
                    format!("没有可以移走或移动的球 {name}（球 A 始终保留）。")
                } else {
                    format!("There is no ball {name} to move or remove (ball A always stays).")
                }
            }
            InputError::TooLarge { input, value, limit } => {
                let (name, v, l) = (input.name().get(lang), short(value), short(limit));
                if zh {
                    format!("{name} 的绝对值不能超过 {l}（收到 {v}）。")
                } else {
                    format!("The {name} must be at most {l} in size (got {v}).")
                }
            }
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for InputError {}

/// Checks a learning rate from outside: finite, > 0 and ≤ [`LR_MAX`].
pub fn check_lr(lr: f64) -> Result<f64, InputError> {
    check_positive(lr, Input::LearningRate, LR_MAX)
}

/// Checks a start point from outside: finite and |w0| ≤ [`W0_LIMIT`].
pub fn check_w0(w0: f64) -> Result<f64, InputError> {
    check_value(w0, Input::Start, W0_LIMIT)
}

/// Checks a plain value from outside: finite and |x| ≤ `limit`.
pub fn check_value(x: f64, input: Input, limit: f64) -> Result<f64, InputError> {
    check_finite(x, input)?;
    if x.abs() > limit {
        return Err(InputError::TooLarge {
            input,
            value: x,
            limit,
        });
    }
    Ok(x)
}

/// Checks a positive value from outside: finite, > 0 and ≤ `limit`.
pub fn check_positive(x: f64, input: Input, limit: f64) -> Result<f64, InputError> {
    check_finite(x, input)?;
    if x <= 0.0 {
        return Err(InputError::NotPositive { input, value: x });
    }
    check_value(x, input, limit)
}

/// Checks a value from outside: finite and within `[min, max]`.
pub fn check_range(x: f64, input: Input, min: f64, max: f64) -> Result<f64, InputError> {
    check_finite(x, input)?;
    if !(min..=max).contains(&x) {
        return Err(InputError::OutOfRange {
            input,
            value: x,
            min,
            max,
        });
    }
    Ok(x)
}

fn check_finite(x: f64, input: Input) -> Result<(), InputError> {
    if x.is_nan() {
        Err(InputError::NotANumber { input })
    } else if x.is_infinite() {
        Err(InputError::Infinite { input })
    } else {
        Ok(())
    }
}
