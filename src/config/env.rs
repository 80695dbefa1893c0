//! `CLAIMWATCH_*` environment overrides: `CLAIMWATCH_DIGEST__TIME=08:30` sets `[digest] time`.
//! Values are converted to the type the option has in the defaults (lists are comma-separated).

use super::{Config, ConfigError};
use toml::Value;

const PREFIX: &str = "CLAIMWATCH_";

/// Variables with the prefix that are not options: the config path itself and test settings.
fn is_reserved(name: &str) -> bool {
    name == "CLAIMWATCH_CONFIG" || name.starts_with("CLAIMWATCH_TEST_")
}

/// Applies every `CLAIMWATCH_*` variable in `vars` to `table`.
pub(super) fn apply_overrides<I>(table: &mut toml::Table, vars: I) -> Result<(), ConfigError>
where
    I: IntoIterator<Item = (String, String)>,
{
    let defaults = Value::try_from(Config::default())
        .map_err(|e| ConfigError::invalid("(defaults)", e.to_string()))?;
    let mut vars: Vec<(String, String)> = vars
        .into_iter()
        .filter(|(k, _)| k.starts_with(PREFIX) && !is_reserved(k))
        .collect();
    vars.sort();
    for (name, raw) in vars {
        let path: Vec<String> = name[PREFIX.len()..]
            .split("__")
            .map(|p| p.to_ascii_lowercase())
            .collect();
        let option = path.join(".");
        let shape = lookup(&defaults, &path).ok_or_else(|| {
            ConfigError::invalid(
                format!("{option} (from {name})"),
                "no such option; see config/claimwatch.toml for the list",
            )
        })?;
        if option == "sources" {
            return Err(ConfigError::invalid(
                format!("{option} (from {name})"),
                "sources cannot be set from the environment; list them in the config file or use `claimwatch sources add`",
            ));
        }
        let value = convert(shape, &raw).map_err(|expected| {
            ConfigError::invalid(format!("{option} (from {name})"), expected)
        })?;
        set(table, &path, value).map_err(|expected| {
            ConfigError::invalid(format!("{option} (from {name})"), expected)
        })?;
    }
    Ok(())
}

fn lookup<'a>(root: &'a Value, path: &[String]) -> Option<&'a Value> {
    path.iter().try_fold(root, |v, key| v.as_table()?.get(key))
}

fn convert(shape: &Value, raw: &str) -> Result<Value, String> {
    let raw = raw.trim();
    Ok(match shape {
        Value::String(_) => Value::String(raw.to_owned()),
        Value::Integer(_) => Value::Integer(
            raw.parse()
                .map_err(|_| format!("expected a whole number, got {raw:?}"))?,
        ),
        Value::Float(_) => Value::Float(
            raw.parse()
                .map_err(|_| format!("expected a number, got {raw:?}"))?,
        ),
        Value::Boolean(_) => Value::Boolean(match raw.to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" | "on" => true,
            "false" | "0" | "no" | "off" => false,
            _ => return Err(format!("expected true or false, got {raw:?}")),
        }),
        Value::Array(items) => {
            let elements = raw.split(',').map(str::trim).filter(|s| !s.is_empty());
            let as_strings = matches!(items.first(), Some(Value::String(_)));
            Value::Array(
                elements
                    .map(|e| match e.parse::<i64>() {
                        Ok(n) if !as_strings => Value::Integer(n),
                        _ => Value::String(e.to_owned()),
                    })
                    .collect(),
            )
        }
        Value::Table(_) => return Err("is a section; set its options one by one".into()),
        Value::Datetime(_) => Value::String(raw.to_owned()),
    })
}

fn set(table: &mut toml::Table, path: &[String], value: Value) -> Result<(), String> {
    let (last, parents) = path.split_last().ok_or("empty option name")?;
    let mut current = table;
    for key in parents {
        let entry = current
            .entry(key.clone())
            .or_insert_with(|| Value::Table(toml::Table::new()));
        current = entry
            .as_table_mut()
            .ok_or_else(|| format!("`{key}` in the file is not a section"))?;
    }
    current.insert(last.clone(), value);
    Ok(())
}
