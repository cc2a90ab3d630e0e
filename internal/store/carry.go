package store

import (
	"context"
	"database/sql"

	"gapwise/internal/model"
)

// CarryAssessment creates a new assessment (a copy of an older one against
// another framework version) with its ratings, targets and review flags,
// all in one transaction. review maps an item to why its rating must be
// looked at again; every item in it must be among ratings. The original
// assessment is not touched.
func (s *Store) CarryAssessment(ctx context.Context, a model.Assessment, ratings []model.Rating, targets []model.Target, review map[string]string) (model.Assessment, error) {
	if err := checkAssessment(a); err != nil {
		return model.Assessment{}, err
	}
	if a.ID == "" {
		a.ID = newID()
	}
	a.CreatedAt = norm(a.CreatedAt, now())
	a.UpdatedAt = norm(a.UpdatedAt, a.CreatedAt)
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := insertAssessment(ctx, tx, a); err != nil {
			return err
		}
		fw := a.Framework.String()
		if err := insertRatings(ctx, tx, a.ID, fw, ratings, a.CreatedAt); err != nil {
			return err
		}
		for _, t := range targets {
			if err := writeTarget(ctx, tx, "targets", "assessment", a.ID, fw, t, a.CreatedAt); err != nil {
				return err
			}
		}
		for item, reason := range review {
			if _, err := tx.ExecContext(ctx, "INSERT INTO rating_reviews (assessment, item, reason) VALUES (?, ?, ?)", a.ID, item, reason); err != nil {
				return fail(err, "cannot flag %q for review", item)
			}
		}
		if problems, err := foreignKeyProblems(ctx, tx); err != nil || len(problems) > 0 {
			return model.Errorf(model.Internal, "carrying assessment: a review flag has no rating (%v %v)", problems, err)
		}
		return nil
	})
	if err != nil {
		return model.Assessment{}, err
	}
	return a, nil
}

// Reviews returns the items of an assessment whose carried-forward rating
// awaits the person's review, with why.
func (s *Store) Reviews(ctx context.Context, assessmentID string) (map[string]string, error) {
	rows, err := s.reader(ctx).QueryContext(ctx, "SELECT item, reason FROM rating_reviews WHERE assessment = ?", assessmentID)
	if err != nil {
		return nil, fail(err, "cannot read the reviews of assessment %s", assessmentID)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var item, reason string
		if err := rows.Scan(&item, &reason); err != nil {
			return nil, fail(err, "cannot read the reviews of assessment %s", assessmentID)
		}
		out[item] = reason
	}
	if err := rows.Err(); err != nil {
		return nil, fail(err, "cannot read the reviews of assessment %s", assessmentID)
	}
	return out, nil
}

// ConfirmReview clears the review flag of one item ("" for every item),
// keeping the rating as it is.
func (s *Store) ConfirmReview(ctx context.Context, assessmentID, item string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		if _, err := assessmentFramework(ctx, tx, assessmentID); err != nil {
			return err
		}
		q, args := "DELETE FROM rating_reviews WHERE assessment = ?", []any{assessmentID}
		if item != "" {
			q += " AND item = ?"
			args = append(args, item)
		}
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fail(err, "cannot confirm the review of %q", item)
		}
		return nil
	})
}
