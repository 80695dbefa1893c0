//! A list that keeps a lone entry inline. Most keys of the window's indexes (a MinHash band,
//! a rare term) belong to one item only; a list of one then costs no allocation.

/// One entry inline, or several on the heap.
#[derive(Debug, Clone, PartialEq)]
pub enum SmallList<T> {
    One(T),
    Many(Vec<T>),
}

impl<T: Copy> SmallList<T> {
    /// Appends `x`.
    pub fn push(&mut self, x: T) {
        match self {
            SmallList::One(a) => *self = SmallList::Many(vec![*a, x]),
            SmallList::Many(v) => v.push(x),
        }
    }

    pub fn as_slice(&self) -> &[T] {
        match self {
            SmallList::One(a) => std::slice::from_ref(a),
            SmallList::Many(v) => v,
        }
    }

    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.as_slice().iter()
    }

    pub fn len(&self) -> usize {
        self.as_slice().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Keeps the entries `keep` accepts; whether any is left.
    pub fn retain(&mut self, mut keep: impl FnMut(&T) -> bool) -> bool {
        match self {
            SmallList::One(a) => keep(a),
            SmallList::Many(v) => {
                v.retain(|x| keep(x));
                !v.is_empty()
            }
        }
    }

    /// Bytes held on the heap.
    pub fn heap_bytes(&self) -> usize {
        match self {
            SmallList::One(_) => 0,
            SmallList::Many(v) => v.capacity() * std::mem::size_of::<T>(),
        }
    }
}

impl<'a, T: Copy> IntoIterator for &'a SmallList<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.as_slice().iter()
    }
}

#[cfg(test)]
mod tests {
    use super::SmallList;

    #[test]
    fn a_list_grows_from_one_inline_entry_and_keeps_its_order() {
        let mut l = SmallList::One(7u64);
        assert_eq!(l.as_slice(), &[7]);
        assert_eq!(l.heap_bytes(), 0);
        l.push(8);
        l.push(9);
        assert_eq!(l.as_slice(), &[7, 8, 9]);
        assert!(l.heap_bytes() >= 24);
        assert_eq!(l.into_iter().copied().sum::<u64>(), 24);
    }

    #[test]
    fn retain_says_whether_any_entry_is_left() {
        let mut one = SmallList::One(1u64);
        assert!(one.retain(|x| *x == 1));
        assert!(!one.retain(|x| *x == 2));
        let mut many = SmallList::Many(vec![1u64, 2, 3]);
        assert!(many.retain(|x| *x != 2));
        assert_eq!(many.as_slice(), &[1, 3]);
        assert!(!many.retain(|_| false));
        assert!(many.is_empty());
    }
}
