//! The printed labels of measure sheets (基本施策事後評価シート), as data.
//! (To be filled: the labels the `sheet` stage matches today move here.)
